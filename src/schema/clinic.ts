import { z } from 'zod';
import { isValidZone } from '../rules/zone.js';

export const PAPERS = ['letter', 'a4'] as const;
export const Paper = z.enum(PAPERS, { error: `must be one of: ${PAPERS.join(', ')}` });
export type Paper = z.infer<typeof Paper>;

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
  })
  .strict();
export type Clinic = z.infer<typeof Clinic>;
