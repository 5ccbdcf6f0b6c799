import type { DateTime } from 'luxon';
import * as z from 'zod';
import { cleanText, unprintable } from './clean-text.js';

export const TREATMENTS = ['standard', 'aggressive'] as const;
export const Treatment = z.enum(TREATMENTS);
export type Treatment = z.infer<typeof Treatment>;

/** Years a treatment date can have: a sheet dated in the year 1 or 9999 is a typo (and its dates cannot print). */
export const TREATMENT_YEARS = { min: 2000, max: 2099 } as const;

/** Field limits: long enough for real names and notes, short enough to fit one page. */
export const LIMITS = { name: 80, area: 60, concern: 60, note: 280, email: 254 } as const;

// Text is normalized and invisible characters dropped first (src/schema/clean-text.ts); what still
// cannot print is refused, naming the character.

const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? cleanText(v) : v),
    z
      .string()
      .trim()
      .min(1, { error: 'cannot be empty' })
      .max(max, { error: `is too long: at most ${max} characters` })
      .superRefine((s, ctx) => {
        const bad = unprintable(s);
        if (bad) ctx.addIssue({ code: 'custom', message: bad });
      }),
  );

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional());

/**
 * One visit as typed at checkout or read from a booking export, before dates are resolved.
 * Everything is a string here: zone and date are checked against luxon in `toVisit`.
 */
export const VisitInput = z.object({
  name: text(LIMITS.name),
  treatment: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.enum(TREATMENTS, { error: `must be one of: ${TREATMENTS.join(', ')}` }),
  ),
  /** Local date-time in the visit's zone, e.g. 2026-11-23T14:30. Missing means "now". */
  date: optionalText(40),
  timeZone: optionalText(64),
  area: optionalText(LIMITS.area),
  concern: optionalText(LIMITS.concern),
  note: optionalText(LIMITS.note),
  language: optionalText(16),
  email: optionalText(LIMITS.email),
  id: optionalText(64),
  /** Date of birth, in a common style (1985-04-12, 04/12/1985, April 12, 1985): checked in `toVisit`. Only to lock an emailed PDF. */
  dob: optionalText(40),
});
export type VisitInput = z.infer<typeof VisitInput>;

/** A visit ready for the rules: validated, with its treatment time placed in its zone. */
export interface Visit {
  id?: string;
  patient: { name: string };
  email?: string;
  treatment: Treatment;
  treatedAt: DateTime<true>;
  /** The local time happens twice (the clocks go back then): treatedAt is the earlier of the two. */
  ambiguousTime?: true;
  timeZone: string;
  area?: string;
  concern?: string;
  note?: string;
  language: string;
  /** Date of birth, YYYY-MM-DD: only to lock an emailed sheet; never printed. */
  dob?: string;
}

/** How each field is called where the user typed it (CLI flag, CSV column). */
export type FieldNamer = (field: string) => string;
