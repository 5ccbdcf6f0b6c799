import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { HandoutError, HandoutErrors } from '../errors.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { compileText, type TextTemplate } from './handlebars.js';
import type { LoadedRules } from './load-rules.js';
import { readDataFile } from './read-data-file.js';

const str = z.string().min(1);

/** templates/<lang>/calendar.json: the words of the calendar's events and of the email's key dates. */
export const CalendarStrings = z
  .object({
    $comment: z.string().optional(),
    calendarName: str,
    /** An all-day span in words: first, last. */
    window: str,
    /** Added to every event's description: how to reach the clinic. */
    contact: str,
    /** Rule id -> its event's title (short) and description. */
    events: z.record(z.string(), z.object({ title: str, description: str }).strict()),
  })
  .strict();
export type CalendarStrings = z.infer<typeof CalendarStrings>;

export interface CalendarTemplates {
  language: string;
  path: string;
  calendarName: TextTemplate;
  window: TextTemplate;
  contact: TextTemplate;
  events: Map<string, { title: TextTemplate; description: TextTemplate }>;
}

/**
 * The calendar words of a language (Resources compiles them once per language). Every rule that
 * goes into the calendar must have its words here: a missing one is a set-up error naming the
 * file and the rule, never a calendar that quietly leaves a moment out; words for a rule that is
 * not in the calendar are a typo, refused too.
 */
export function loadCalendarTemplates(templatesDir: string, language: string, { rules }: LoadedRules): CalendarTemplates {
  const t = compile(join(templatesDir, language, 'calendar.json'), language);
  const inCalendar = new Set(rules.filter((r) => r.calendar).map((r) => r.id));
  const missing = [...inCalendar].filter((id) => !t.events.has(id));
  if (missing.length) {
    throw new HandoutError('E_TEMPLATE', `${t.path}: events: no words for ${missing.map((id) => `"${id}"`).join(', ')}`, {
      path: `${t.path}: events`,
      hint: 'Every rule with "calendar" in the rule files needs a title and a description here.',
    });
  }
  const unknown = [...t.events.keys()].filter((id) => !inCalendar.has(id));
  if (unknown.length) {
    throw new HandoutError('E_TEMPLATE', `${t.path}: events: ${unknown.map((id) => `"${id}"`).join(', ')} is not the id of a rule with "calendar"`, {
      path: `${t.path}: events`,
      hint: `Rules in the calendar: ${[...inCalendar].join(', ')}.`,
    });
  }
  return t;
}

function compile(path: string, language: string): CalendarTemplates {
  if (!existsSync(path)) {
    throw new HandoutError('E_TEMPLATE', `${path} does not exist`, { path, hint: `Add the calendar words for "${language}" (copy templates/en/calendar.json and translate it).` });
  }
  const raw = readDataFile(path, 'E_TEMPLATE');
  const parsed = CalendarStrings.safeParse(raw);
  if (!parsed.success) throw new HandoutErrors(issuesToErrors('E_TEMPLATE', parsed.error.issues, raw, (p) => `${path}: ${p.join('.')}`));
  const s = parsed.data;
  const one = (where: string, source: string): TextTemplate => {
    let t: TextTemplate;
    try {
      t = compileText(source);
    } catch (e) {
      throw templateError(path, where, e);
    }
    return (data) => {
      try {
        return t(data);
      } catch (e) {
        throw templateError(path, where, e);
      }
    };
  };
  return {
    language,
    path,
    calendarName: one('calendarName', s.calendarName),
    window: one('window', s.window),
    contact: one('contact', s.contact),
    events: new Map(Object.entries(s.events).map(([id, e]) => [id, { title: one(`events.${id}.title`, e.title), description: one(`events.${id}.description`, e.description) }])),
  };
}

function templateError(path: string, where: string, e: unknown): HandoutError {
  return new HandoutError('E_TEMPLATE', `${path}: ${where}: ${(e as Error).message.split('\n')[0]}`, {
    path: `${path}: ${where}`,
    hint: 'Use only from, until, at.<name> (the rule\'s own times), clinic.name and clinic.phone; window uses first and last.',
  });
}
