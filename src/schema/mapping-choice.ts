import * as z from 'zod';
import { COLUMN_FIELDS, DATE_ORDERS, SERVICE_CHOICES, STATUS_CHOICES } from './clinic.js';

const MAX_ENTRIES = 1000;

// A header, service or status as the export writes it. "__proto__" is no booking system's header,
// and as a key it would reach an object's prototype.
const key = z
  .string()
  .min(1, { error: 'cannot be empty' })
  .max(300, { error: 'is longer than 300 characters' })
  .refine((k) => k !== '__proto__', { error: 'is not a header, service or status' });
const entries = <T extends z.ZodType>(value: T) =>
  z.record(key, value).refine((o) => Object.keys(o).length <= MAX_ENTRIES, { error: `has more than ${MAX_ENTRIES} entries` });

/**
 * How the front desk says an export is to be read (the front-desk page's mapping step, or a script):
 * each header's field (null: not used), what each service and status becomes, the order of numeric
 * dates. Every part is optional; what is not given stays as the clinic config says.
 */
export const MappingChoice = z
  .object({
    columns: entries(z.enum(COLUMN_FIELDS, { error: `must be one of: ${COLUMN_FIELDS.join(', ')} (or null: not used)` }).nullable()).optional(),
    services: entries(z.enum(SERVICE_CHOICES, { error: `must be one of: ${SERVICE_CHOICES.join(', ')}` })).optional(),
    statuses: entries(z.enum(STATUS_CHOICES, { error: `must be one of: ${STATUS_CHOICES.join(', ')}` })).optional(),
    dateOrder: z.enum(DATE_ORDERS, { error: `must be one of: ${DATE_ORDERS.join(', ')}` }).optional(),
  })
  .strict();
export type MappingChoice = z.infer<typeof MappingChoice>;
