import type { DateTime } from 'luxon';
import type { LanguagePack } from '../load/load-templates.js';
import type { DatedTime } from '../rules/offset.js';
import type { DatedInstruction, Plan } from '../rules/resolve-plan.js';
import type { Clinic } from '../schema/clinic.js';
import type { TimeName } from '../schema/rule.js';
import { plain } from '../load/handlebars.js';
import type { CalendarTemplates } from '../load/load-calendar-templates.js';

/** One moment of the recovery, for the calendar file and the email's key dates. */
export interface CalendarEvent {
  /** The rule it comes from. */
  ruleId: string;
  /** Short plain text. */
  title: string;
  /** Plain text, ending with how to reach the clinic. */
  description: string;
  /** When, in words, with its date (never "today": the email may be read days later). */
  when: string;
  /** A timed event: the instant, in the visit's zone. */
  start?: DateTime;
  /** An all-day span: its first and last day (inclusive), YYYY-MM-DD in the visit's zone. */
  days?: { first: string; last: string };
}

export interface CalendarInputs {
  plan: Plan;
  lang: LanguagePack;
  words: CalendarTemplates;
  clinic: Pick<Clinic, 'name' | 'phone'>;
}

/**
 * Pure: the plan's calendar moments (rules with `calendar`), in time order, with their words. The
 * times are the plan's own, so the calendar, the email and the sheet cannot disagree.
 */
export function calendarEvents({ plan, lang, words, clinic }: CalendarInputs): CalendarEvent[] {
  const clinicData = { name: calendarText(clinic.name), phone: calendarText(clinic.phone) };
  const contact = calendarText(plain(words.contact({ clinic: clinicData })));
  const events: CalendarEvent[] = [];
  for (const instruction of plan.instructions) {
    const entry = instruction.rule.calendar;
    const text = words.events.get(instruction.id);
    if (!entry || !text) continue; // calendarTemplates has checked that every calendar rule has words
    const data = {
      clinic: clinicData,
      from: instruction.from ? absolutePhrase(lang, instruction.from) : null,
      until: instruction.until ? absolutePhrase(lang, instruction.until) : null,
      at: Object.fromEntries(Object.entries(instruction.at).map(([k, v]) => [k, absolutePhrase(lang, v)])),
    };
    const title = oneFinalPeriod(calendarText(plain(text.title(data))));
    const description = `${oneFinalPeriod(calendarText(plain(text.description(data))))}\n\n${contact}`;
    if ('at' in entry) {
      const t = timeOf(instruction, entry.at);
      events.push({ ruleId: instruction.id, title, description, when: capitalize(absolutePhrase(lang, t, 'bare')), start: t.at });
    } else {
      const [a, b] = entry.allDay.map((name) => timeOf(instruction, name).at);
      const first = a!.toISODate()!;
      const last = b!.toISODate()!;
      const when = capitalize(plain(words.window({ first: dayName(lang, a!), last: dayName(lang, b!) })));
      events.push({ ruleId: instruction.id, title, description, when, days: { first, last: last < first ? first : last } });
    }
  }
  const key = (e: CalendarEvent) => e.start?.toMillis() ?? Date.parse(`${e.days!.first}T00:00:00Z`);
  return events.sort((x, y) => key(x) - key(y));
}

function timeOf(instruction: DatedInstruction, name: TimeName): DatedTime {
  const t = name === 'from' ? instruction.from : name === 'until' ? instruction.until : instruction.at[name.slice(3)];
  // The rule schema refuses a calendar entry naming a time the rule lacks.
  if (!t) throw new Error(`${instruction.rule.source}: calendar names "${name}", which the rule does not have`);
  return t;
}

const dayName = (lang: LanguagePack, dt: DateTime) => dt.toFormat(lang.dates.day, { locale: lang.code });

/**
 * A time in words with its date, for text read away from the treatment day: "6:30 PM on Monday,
 * November 23" (a sheet would say "6:30 PM today"). `bare`: a day alone without its article
 * (Spanish "lunes, 21 de diciembre", not "el lunes..."), for the start of a line.
 */
function absolutePhrase(lang: LanguagePack, { at, precision }: DatedTime, form: 'sentence' | 'bare' = 'sentence'): string {
  const day = dayName(lang, at);
  if (precision === 'hour') {
    const time = at.toFormat(lang.dates.time, { locale: lang.code });
    return plain(lang.dates.timeOnDay({ time, day, oneOClock: at.hour % 12 === 1 }));
  }
  return form === 'bare' ? day : plain(lang.dates.onDay({ day }));
}

/** A phrase that ends with an abbreviation ("1:30 p. m.") before the sentence's own period gets one period. */
const oneFinalPeriod = (s: string) => s.replace(/\.\.(?=\s|$)/g, '.');

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);

/**
 * Text for a calendar: NFC, and without control or invisible formatting characters (bidi
 * overrides, zero-width spaces, soft hyphens, BOM), which calendar apps show as boxes or use to
 * reorder text. Zero-width (non-)joiners stay: some scripts and emoji need them.
 */
export function calendarText(s: string): string {
  return s
    .normalize('NFC')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/(?![\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}
