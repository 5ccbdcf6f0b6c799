import { z } from 'zod';
import { isValidZone } from '../rules/zone.js';

export const PAPERS = ['letter', 'a4'] as const;
export const Paper = z.enum(PAPERS, { error: `must be one of: ${PAPERS.join(', ')}` });
export type Paper = z.infer<typeof Paper>;

/** The fields a batch file's columns can give (`handout batch`); `columns` maps a booking system's headers to these. */
export const COLUMN_FIELDS = ['name', 'first_name', 'last_name', 'treatment', 'date', 'time', 'email', 'timezone', 'area', 'concern', 'note', 'language', 'id'] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

const line = (max: number) => z.string().trim().min(1, { error: 'cannot be empty' }).max(max);

/** The clinic's own settings: who is speaking on the sheet, and where the clinic is. */
export const Clinic = z
  .object({
    name: line(80),
    phone: line(40),
    address: line(120).optional(),
    provider: line(80).optional(),
    website: line(80).optional(),
    timeZone: z.string().refine(isValidZone, { error: 'is not a known IANA time zone (e.g. America/New_York)' }),
    paper: Paper.default('letter'),
    /** PNG or JPEG, relative to the config file. */
    logo: z.string().min(1).optional(),
    /** Language used when a visit does not say. */
    language: z.string().min(2).default('en'),
    /** Booking-system header -> our field, for `handout batch`: {"Client First Name": "first_name"}. */
    columns: z.record(z.string().min(1), z.enum(COLUMN_FIELDS, { error: `must be one of: ${COLUMN_FIELDS.join(', ')}` })).optional(),
  })
  .strict();
export type Clinic = z.infer<typeof Clinic>;
