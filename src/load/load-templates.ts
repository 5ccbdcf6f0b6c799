import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { HandoutError, HandoutErrors } from '../errors.js';
import { SECTIONS } from '../schema/rule.js';
import { TREATMENTS } from '../schema/visit.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { compileText, remembered, type TextTemplate } from './handlebars.js';
import { readDataFile } from './read-data-file.js';

const str = z.string().min(1);
const sectionNames = Object.fromEntries(SECTIONS.map((s) => [s, str])) as Record<(typeof SECTIONS)[number], typeof str>;
const treatmentNames = Object.fromEntries(TREATMENTS.map((t) => [t, str])) as Record<(typeof TREATMENTS)[number], typeof str>;

/** templates/<lang>/sheet.json: every string on the sheet that is not a rule's text. */
export const SheetStrings = z
  .object({
    $comment: z.string().optional(),
    language: str,
    dates: z
      .object({
        day: str,
        dayWithYear: str,
        time: str,
        timeToday: str,
        timeOnDay: str,
        today: str,
        /** A date-only phrase in a sentence, e.g. Spanish "el {{day}}"; default "{{day}}". */
        onDay: str.optional(),
      })
      .strict(),
    title: str,
    documentTitle: str,
    subject: str,
    treatment: z.object(treatmentNames).strict(),
    forPatient: str,
    treatedLine: str,
    area: str,
    concern: str,
    noteLabel: str,
    sections: z.object(sectionNames).strict(),
    prepared: str,
    /** The footer's protocol version: {{version}}. */
    protocolVersion: str,
    /** The label before the clinic's own urgent text (config `urgent`), and its after-hours number: {{phone}}. */
    urgent: str,
    urgentPhone: str,
  })
  .passthrough();
export type SheetStrings = z.infer<typeof SheetStrings>;

/** The strings of one language: luxon date formats as they are, everything else compiled. */
export interface LanguagePack {
  code: string;
  name: string;
  dates: {
    day: string;
    dayWithYear: string;
    time: string;
    today: string;
    timeToday: TextTemplate;
    timeOnDay: TextTemplate;
    onDay: TextTemplate;
  };
  text: {
    title: TextTemplate;
    documentTitle: TextTemplate;
    subject: TextTemplate;
    forPatient: TextTemplate;
    treatedLine: TextTemplate;
    area: TextTemplate;
    concern: TextTemplate;
    noteLabel: TextTemplate;
    prepared: TextTemplate;
    protocolVersion: TextTemplate;
    urgent: TextTemplate;
    urgentPhone: TextTemplate;
  };
  treatment: Record<(typeof TREATMENTS)[number], string>;
  sections: Record<(typeof SECTIONS)[number], string>;
  /** Anything else a language's sheet.json carries (e.g. email texts), compiled on first use. */
  extra: Record<string, unknown>;
}

/** Every folder of templates/ with a sheet.json is a language. */
export function listLanguages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'sheet.json')))
    .map((d) => d.name)
    .sort();
}

export function loadLanguage(dir: string, code: string): LanguagePack {
  const path = join(dir, code, 'sheet.json');
  const raw = readDataFile(path, 'E_TEMPLATE');
  const parsed = SheetStrings.safeParse(raw);
  if (!parsed.success) {
    throw new HandoutErrors(issuesToErrors('E_TEMPLATE', parsed.error.issues, raw, (p) => `${path}: ${p.join('.')}`));
  }
  const s = parsed.data;
  const compile = (field: string, source: string): TextTemplate => {
    try {
      const t = remembered(compileText(source));
      return (data) => {
        try {
          return t(data);
        } catch (e) {
          throw new HandoutError('E_TEMPLATE', `${path}: ${field}: ${(e as Error).message.split('\n')[0]}`, {
            path: `${path}: ${field}`,
            hint: 'Use only the variables the sheet provides (see docs/architecture.md).',
          });
        }
      };
    } catch (e) {
      throw new HandoutError('E_TEMPLATE', `${path}: ${field}: ${(e as Error).message}`, { path: `${path}: ${field}` });
    }
  };
  const known = new Set(Object.keys(SheetStrings.shape));
  return {
    code,
    name: s.language,
    dates: {
      day: s.dates.day,
      dayWithYear: s.dates.dayWithYear,
      time: s.dates.time,
      today: s.dates.today,
      timeToday: compile('dates.timeToday', s.dates.timeToday),
      timeOnDay: compile('dates.timeOnDay', s.dates.timeOnDay),
      onDay: compile('dates.onDay', s.dates.onDay ?? '{{day}}'),
    },
    text: {
      title: compile('title', s.title),
      documentTitle: compile('documentTitle', s.documentTitle),
      subject: compile('subject', s.subject),
      forPatient: compile('forPatient', s.forPatient),
      treatedLine: compile('treatedLine', s.treatedLine),
      area: compile('area', s.area),
      concern: compile('concern', s.concern),
      noteLabel: compile('noteLabel', s.noteLabel),
      prepared: compile('prepared', s.prepared),
      protocolVersion: compile('protocolVersion', s.protocolVersion),
      urgent: compile('urgent', s.urgent),
      urgentPhone: compile('urgentPhone', s.urgentPhone),
    },
    treatment: s.treatment,
    sections: s.sections,
    extra: Object.fromEntries(Object.entries(s).filter(([k]) => !known.has(k))),
  };
}
