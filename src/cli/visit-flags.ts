import type { Command } from 'commander';
import type { FieldNamer } from '../schema/visit.js';

/** The flags that describe one visit, shared by `generate` and `plan`. */
export function addVisitOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--name <name>', "patient's name, exactly as it should print")
    .requiredOption('--treatment <type>', 'standard or aggressive')
    .option('--date <date-time>', 'local treatment date and time, e.g. 2026-11-23T14:30 (default: now)')
    .option('--tz <zone>', "IANA time zone (default: the clinic's)")
    .option('--area <area>', 'treated area, e.g. "Full face" or "Under-eye"')
    .option('--concern <concern>', 'what the treatment is for, e.g. "Acne scarring"')
    .option('--note <note>', "a short note from the provider (at most 280 characters)")
    .option('--dob <date>', "patient's date of birth, to lock an emailed sheet (clinics with email.protect)")
    .option('--language <code>', "sheet language (default: the clinic's)")
    .option('--paper <size>', "letter or a4 (default: the clinic's)")
    .option('--config <file>', 'clinic config file (default: $HANDOUT_CONFIG, ./clinic.json, or the example clinic)')
    .option('--json', 'print results and errors as JSON');
}

export interface VisitFlags {
  name: string;
  treatment: string;
  date?: string;
  tz?: string;
  area?: string;
  concern?: string;
  note?: string;
  language?: string;
  dob?: string;
  paper?: string;
  config?: string;
  json?: boolean;
}

export const visitFromFlags = (f: VisitFlags) => ({
  name: f.name,
  treatment: f.treatment,
  date: f.date,
  timeZone: f.tz,
  area: f.area,
  concern: f.concern,
  note: f.note,
  language: f.language,
  dob: f.dob,
});

const FLAG: Record<string, string> = { timeZone: '--tz' };
export const flagName: FieldNamer = (field) => FLAG[field] ?? `--${field}`;
