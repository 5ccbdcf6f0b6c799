import { DateTime } from 'luxon';
import { HandoutError, HandoutErrors, quote } from '../errors.js';
import type { DateOrder } from '../schema/clinic.js';
import { DOB_STYLES, parseDob } from '../schema/date-of-birth.js';
import { TREATMENT_YEARS, VisitInput, type FieldNamer, type Visit } from '../schema/visit.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { Memo } from '../memo.js';
import { isValidZone } from '../schema/zone.js';

export interface VisitContext {
  /** Zone used when the visit does not give one. */
  defaultZone: string;
  defaultLanguage: string;
  /** Languages the templates and rules exist in. */
  languages: readonly string[];
  /** The clock, read once by the caller; used when the visit has no date. */
  now: DateTime;
  caches: VisitCaches;
  /** How the clinic writes dates in numbers (for a date of birth like 04/12/1985); default MDY. */
  dateOrder?: DateOrder;
}

/** What validation remembers per process (held by Resources). */
export interface VisitCaches {
  /** Zone name -> known to luxon (each answer costs native memory the GC does not see). */
  zones: Memo<string, boolean>;
  /**
   * `zone|local time` -> the valid time: a day's appointments share a few dozen slots, and placing
   * a local time in a zone asks Intl for the zone's offset several times. DateTimes are immutable.
   */
  localTimes: Memo<string, ParsedTime>;
  /** `zone|epoch ms` -> the DateTime (a batch worker's visits arrive as plain data). */
  instants: Memo<string, DateTime>;
}

export const newVisitCaches = (): VisitCaches => ({
  zones: new Memo<string, boolean>(1_000),
  localTimes: new Memo<string, ParsedTime>(10_000),
  instants: new Memo<string, DateTime>(10_000),
});

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_HINT = 'Use a local date and time like 2026-11-23T14:30 (24-hour clock).';

/** Validate every field of one visit; throws HandoutErrors listing every bad field at once. */
export function toVisit(raw: unknown, ctx: VisitContext, fieldName: FieldNamer = (f) => f): Visit {
  const parsed = VisitInput.safeParse(raw);
  const errors: HandoutError[] = [];
  let input: Partial<VisitInput>;
  if (parsed.success) {
    input = parsed.data;
  } else {
    errors.push(...issuesToErrors('E_INPUT', parsed.error.issues, raw, (p) => fieldName(String(p[0] ?? ''))));
    // The fields the schema did accept are still checked below (zone, date, language, address), so
    // one answer names every bad field: a bad treatment and an impossible date, both.
    const refused = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
    const rest = raw !== null && typeof raw === 'object' ? Object.fromEntries(Object.entries(raw).filter(([k]) => !refused.has(k))) : {};
    const partial = VisitInput.partial().safeParse(rest);
    input = partial.success ? partial.data : {};
  }

  const timeZone = input.timeZone ?? ctx.defaultZone;
  if (!ctx.caches.zones.get(timeZone, isValidZone)) {
    errors.push(new HandoutError('E_INPUT', `${fieldName('timeZone')}: ${quote(timeZone)} is not a known time zone`, {
      path: fieldName('timeZone'),
      hint: 'Use an IANA zone name such as America/New_York, Europe/Madrid or Australia/Sydney.',
    }));
  }

  const language = (input.language ?? ctx.defaultLanguage).toLowerCase();
  if (!ctx.languages.includes(language)) {
    errors.push(new HandoutError('E_INPUT', `${fieldName('language')}: ${quote(input.language ?? language)} is not a supported language`, {
      path: fieldName('language'),
      hint: `Supported languages: ${ctx.languages.join(', ')}.`,
    }));
  }

  if (input.email !== undefined && !/^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/.test(input.email)) {
    errors.push(new HandoutError('E_INPUT', `${fieldName('email')}: ${quote(input.email)} is not an email address`, {
      path: fieldName('email'),
      hint: 'Use one address like name@example.com.',
    }));
  }

  let dob: string | undefined;
  if (input.dob !== undefined) {
    const order = ctx.dateOrder ?? 'MDY';
    const zoneOk = ctx.caches.zones.get(timeZone, isValidZone);
    const result = parseDob(input.dob, order, ctx.now.setZone(zoneOk ? timeZone : 'utc'));
    if (result.ok) dob = result.iso;
    else {
      errors.push(new HandoutError('E_INPUT', `${fieldName('dob')}: ${quote(input.dob)} ${result.why}`, {
        path: fieldName('dob'),
        hint: `Use a date of birth like ${DOB_STYLES(order)}.`,
      }));
    }
  }

  let treatedAt: DateTime | undefined;
  let ambiguousTime = false;
  // With an unknown zone the date is still read (in UTC), so an impossible date is named too.
  const zone = ctx.caches.zones.get(timeZone, isValidZone) ? timeZone : 'UTC';
  if (input.date === undefined) treatedAt = ctx.now.setZone(zone).startOf('minute');
  else ({ dt: treatedAt, ambiguous: ambiguousTime } = parseLocal(input.date, zone, fieldName('date'), errors, ctx.caches.localTimes));
  if (errors.length) throw new HandoutErrors(errors);

  return {
    ...(input.id !== undefined && { id: input.id }),
    patient: { name: input.name! },
    ...(input.email !== undefined && { email: input.email }),
    treatment: input.treatment!,
    treatedAt: treatedAt as DateTime<true>,
    ...(ambiguousTime && { ambiguousTime: true as const }),
    timeZone,
    ...(input.area !== undefined && { area: input.area }),
    ...(input.concern !== undefined && { concern: input.concern }),
    ...(input.note !== undefined && { note: input.note }),
    language,
    ...(dob !== undefined && { dob }),
  };
}

/** A local time placed in its zone; `ambiguous` when it happens twice there (the earlier is taken). */
export interface ParsedTime {
  dt: DateTime | undefined;
  ambiguous: boolean;
}

function parseLocal(text: string, zone: string, field: string, errors: HandoutError[], known: Memo<string, ParsedTime>): ParsedTime {
  const key = `${zone}|${text}`;
  const seen = known.peek(key);
  if (seen) return seen;
  const parsed = parseLocalOnce(text, zone, field, errors);
  if (parsed.dt) known.set(key, parsed);
  return parsed;
}

function parseLocalOnce(text: string, zone: string, field: string, errors: HandoutError[]): ParsedTime {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) {
    errors.push(new HandoutError('E_INPUT', `${field}: ${quote(text)} is not a date and time`, { path: field, hint: DATE_HINT }));
    return { dt: undefined, ambiguous: false };
  }
  const dt = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: false });
  if (!dt.isValid) {
    errors.push(new HandoutError('E_INPUT', `${field}: ${quote(text)} is not a real date or time (${dt.invalidExplanation ?? dt.invalidReason})`, {
      path: field,
      hint: DATE_HINT,
    }));
    return { dt: undefined, ambiguous: false };
  }
  if (dt.year < TREATMENT_YEARS.min || dt.year > TREATMENT_YEARS.max) {
    errors.push(new HandoutError('E_INPUT', `${field}: ${quote(text)} has the year ${dt.year}, which cannot be a treatment date`, {
      path: field,
      hint: `Check the year: dates from ${TREATMENT_YEARS.min} to ${TREATMENT_YEARS.max} are accepted.`,
    }));
    return { dt: undefined, ambiguous: false };
  }
  // A local time inside a spring-forward gap does not exist on the clinic's clock; luxon would
  // quietly move it an hour, which would shift every time on the sheet.
  if (!m[7] && (dt.hour !== Number(m[4]) || dt.minute !== Number(m[5]))) {
    errors.push(new HandoutError('E_INPUT', `${field}: ${quote(text)} does not exist in ${zone}: the clocks jump forward at that time`, {
      path: field,
      hint: 'Check the time; use the time the clinic clock showed.',
    }));
    return { dt: undefined, ambiguous: false };
  }
  // A local time in the hour the clocks go back happens twice; luxon picks one or the other
  // depending on the zone. The earlier is the safe reading for "not before" times.
  if (!m[7]) {
    const both = dt.getPossibleOffsets();
    if (both.length > 1) return { dt: both.reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a)).startOf('second'), ambiguous: true };
  }
  return { dt: dt.startOf('second'), ambiguous: false };
}
