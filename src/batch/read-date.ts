import { DateTime } from 'luxon';
import { HandoutError, quote } from '../errors.js';
import type { DateOrder } from '../schema/clinic.js';
import { TREATMENT_YEARS } from '../schema/visit.js';
import { INVISIBLE } from './normalize-headers.js';
import { isExcelDate } from './source-row.js';

/**
 * Dates as booking systems write them, turned into what validation reads: a local date-time
 * (2026-11-24T14:30, placed in the row's zone, else the clinic's) or an instant with its offset
 * (2026-11-24T22:30:00Z, shown in that zone). Each result says which style it was, for
 * `handout columns`.
 */
export type DateStyle =
  | 'ISO local (2026-11-24T14:30)'
  | 'ISO instant with Z or an offset (2026-11-24T22:30:00Z)'
  | 'month/day/year (11/24/2026 2:30 PM)'
  | 'day/month/year (24/11/2026 14:30)'
  | 'month name (November 24, 2026 2:30 pm)'
  | 'Excel date cell';

export interface When {
  /** For validation: YYYY-MM-DDTHH:MM[:SS], or with Z / ±HH:MM. */
  iso: string;
  style: DateStyle;
  /** The local day when the date says it (not for an instant: that depends on the zone). */
  day?: string;
}

const YEARS = TREATMENT_YEARS;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const TIME = String.raw`(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*([ap])?\.?\s*(?:m\.?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$`, 'i');
const NUMERIC = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(?:at\s+)?${TIME})?$`, 'i');
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const NAMED = new RegExp(String.raw`^${WEEKDAY}([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?$`, 'i');
const NAMED_DAY_FIRST = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(?:at\s+)?${TIME})?$`, 'i');
const CLOCK = new RegExp(String.raw`^${TIME}$`, 'i');

export const DATE_HINT =
  'Use a date and time like 2026-11-24T14:30, 11/24/2026 2:30 PM or November 24, 2026 2:30 pm (or a date column plus a time column).';

interface Parts {
  y: number;
  mo: number;
  d: number;
  time?: { h: number; mi: number; s: number };
  offset?: string;
  style: DateStyle;
}

interface Ctx {
  order: DateOrder;
  dateHeader: string;
  timeHeader: string;
}

/** The date cell (and the time cell, when the file has one) as one date-time; a HandoutError naming the column when it is not one. */
export function readWhen(date: unknown, time: unknown, ctx: Ctx): When | HandoutError {
  const { dateHeader, timeHeader } = ctx;
  const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && clean(v) === '');
  if (empty(date)) return new HandoutError('E_INPUT', `${dateHeader}: cannot be empty (nothing was given)`, { path: dateHeader, hint: DATE_HINT });
  const parts = dateParts(date, ctx);
  if (parts instanceof HandoutError) return parts;

  let clock = parts.time;
  if (!empty(time)) {
    const t = clockOf(time);
    if (!t) return new HandoutError('E_INPUT', `${timeHeader}: ${quote(shown(time))} is not a time of day`, { path: timeHeader, hint: 'Use a time like 14:30 or 2:30 PM.' });
    const midnight = !clock || (clock.h === 0 && clock.mi === 0 && clock.s === 0);
    if (!midnight || parts.offset) {
      return new HandoutError('E_INPUT', `${timeHeader}: ${quote(shown(time))} was given, but ${dateHeader} already has a time (got ${quote(shown(date))})`, {
        path: timeHeader,
        hint: `Give the time in one of the two columns: ${dateHeader} as 11/24/2026 and ${timeHeader} as 2:30 PM.`,
      });
    }
    clock = t;
  }
  if (!clock) {
    return new HandoutError('E_INPUT', `${dateHeader}: ${quote(shown(date))} has no time of day`, { path: dateHeader, hint: `${DATE_HINT.slice(0, -1)}; the time is needed for the sheet's hours.` });
  }
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const day = `${pad(parts.y, 4)}-${pad(parts.mo)}-${pad(parts.d)}`;
  const iso = `${day}T${pad(clock.h)}:${pad(clock.mi)}${clock.s ? `:${pad(clock.s)}` : ''}${parts.offset ? normalOffset(parts.offset) : ''}`;
  return { iso, style: parts.style, ...(!parts.offset && { day }) };
}

/** The date's style alone (for `handout columns`), or undefined when it is none we read. */
export function dateStyle(date: unknown, order: DateOrder): DateStyle | undefined {
  const p = dateParts(date, { order, dateHeader: '', timeHeader: '' });
  return p instanceof HandoutError ? undefined : p.style;
}

const clean = (s: string) => s.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
const shown = (v: unknown) => (isExcelDate(v) ? [v.date, v.time].filter(Boolean).join(' ') : v);
const normalOffset = (o: string) => (/^z$/i.test(o) ? 'Z' : o.length === 5 ? `${o.slice(0, 3)}:${o.slice(3)}` : o);

function dateParts(value: unknown, ctx: Ctx): Parts | HandoutError {
  const field = ctx.dateHeader;
  if (isExcelDate(value)) {
    if (!value.date) return new HandoutError('E_INPUT', `${field}: the cell holds a time (${value.time}) but no date`, { path: field, hint: 'Format the column as a date (with or without the time).' });
    const [y, mo, d] = value.date.split('-').map(Number) as [number, number, number];
    return checked({ y, mo, d, ...(value.time && { time: hms(value.time) }), style: 'Excel date cell' }, value.date, ctx);
  }
  if (typeof value !== 'string') return new HandoutError('E_INPUT', `${field}: ${quote(value, 30)} is not a date`, { path: field, hint: DATE_HINT });
  const text = clean(value);
  let m = ISO.exec(text);
  if (m) {
    const time = m[4] !== undefined ? { h: Number(m[4]), mi: Number(m[5]), s: Number(m[6] ?? 0) } : undefined;
    const style = m[7] ? 'ISO instant with Z or an offset (2026-11-24T22:30:00Z)' : 'ISO local (2026-11-24T14:30)';
    return checked({ y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), ...(time && { time }), ...(m[7] && { offset: m[7] }), style }, value, ctx);
  }
  m = NUMERIC.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [mo, d] = ctx.order === 'MDY' ? [a, b] : [b, a];
    const time = m[4] !== undefined ? clock12(m.slice(4, 8)) : undefined;
    if (time === null) return notATime(field, value);
    const style = ctx.order === 'MDY' ? 'month/day/year (11/24/2026 2:30 PM)' : 'day/month/year (24/11/2026 14:30)';
    return checked({ y: Number(m[3]), mo, d, ...(time && { time }), style }, value, ctx, true);
  }
  m = NAMED.exec(text) ?? NAMED_DAY_FIRST.exec(text);
  if (m) {
    const dayFirst = /^\d/.test(m[1]!);
    const monthWord = dayFirst ? m[2]! : m[1]!;
    const d = Number(dayFirst ? m[1] : m[2]);
    const mo = monthNumber(monthWord);
    if (!mo) return new HandoutError('E_INPUT', `${field}: ${quote(value)} is not a date: ${quote(monthWord)} is not a month`, { path: field, hint: DATE_HINT });
    const time = m[4] !== undefined ? clock12(m.slice(4, 8)) : undefined;
    if (time === null) return notATime(field, value);
    return checked({ y: Number(m[3]), mo, d, ...(time && { time }), style: 'month name (November 24, 2026 2:30 pm)' }, value, ctx);
  }
  return new HandoutError('E_INPUT', `${field}: ${quote(value)} is not a date and time`, { path: field, hint: DATE_HINT });
}

const notATime = (field: string, value: string) =>
  new HandoutError('E_INPUT', `${field}: ${quote(value)} has a time that is not a time of day`, { path: field, hint: DATE_HINT });

function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((m, i) => w === m || (w.length >= 3 && MONTH_NAMES[i]!.toLowerCase().startsWith(w)) || (m === 'sep' && w === 'sept'));
  return i >= 0 ? i + 1 : undefined;
}

/** A year, month and day that exist (in the configured order for numeric dates), in the years a visit can have. */
function checked(p: Parts, original: string, ctx: Ctx, numeric = false): Parts | HandoutError {
  const field = ctx.dateHeader;
  if (numeric && (p.mo < 1 || p.mo > 12)) {
    const order = ctx.order === 'MDY' ? 'month/day/year' : 'day/month/year';
    const other = ctx.order === 'MDY' ? 'DMY' : 'MDY';
    return new HandoutError('E_INPUT', `${field}: ${quote(original)} is not a date in ${order} order ("dateOrder": "${ctx.order}"): there is no month ${p.mo}`, {
      path: field,
      hint: `If the file writes the ${other === 'DMY' ? 'day' : 'month'} first, set "dateOrder": "${other}" in the clinic config.`,
    });
  }
  if (p.y < YEARS.min || p.y > YEARS.max) {
    return new HandoutError('E_INPUT', `${field}: ${quote(original)} has the year ${p.y}, which cannot be a treatment date`, {
      path: field,
      hint: `Check the year: dates from ${YEARS.min} to ${YEARS.max} are accepted.`,
    });
  }
  const dt = DateTime.fromObject({ year: p.y, month: p.mo, day: p.d });
  if (!dt.isValid) {
    const why = p.mo >= 1 && p.mo <= 12 ? `${MONTH_NAMES[p.mo - 1]} ${p.y} has ${DateTime.fromObject({ year: p.y, month: p.mo }).daysInMonth} days` : `there is no month ${p.mo}`;
    const order = numeric ? ` (read as ${ctx.order === 'MDY' ? 'month/day/year' : 'day/month/year'}, "dateOrder": "${ctx.order}")` : '';
    return new HandoutError('E_INPUT', `${field}: ${quote(original)} is not a real date${order}: ${why}`, { path: field, hint: DATE_HINT });
  }
  if (p.time && (p.time.h > 23 || p.time.mi > 59 || p.time.s > 59)) return notATime(field, original);
  return p;
}

const hms = (t: string) => {
  const [h, mi, s] = t.split(':').map(Number) as [number, number, number];
  return { h, mi, s };
};

/** [hour, minute, second, a|p] -> 24-hour parts; null when it is not a time (13 PM, 25:00, an hour alone without AM/PM). */
function clock12([h, mi, s, half]: (string | undefined)[]): { h: number; mi: number; s: number } | null {
  let hour = Number(h);
  const minute = Number(mi ?? 0);
  if (mi === undefined && !half) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || Number(s ?? 0) > 59) return null;
  return { h: hour, mi: minute, s: Number(s ?? 0) };
}

/** A time cell: "14:30", "2:30 PM", "2:30pm", "2 PM", "14:30:00", or an Excel time cell. */
function clockOf(v: unknown): { h: number; mi: number; s: number } | null {
  if (isExcelDate(v)) return v.time && !v.date ? hms(v.time) : null;
  if (typeof v !== 'string') return null;
  const m = CLOCK.exec(clean(v));
  return m ? clock12(m.slice(1, 5)) : null;
}

/** "14:30", "9:05", "14:30:00", "2:30 PM", "2:30 p.m." -> "HH:MM"; null when not a time of day. */
export function clockTime(text: string): string | null {
  const t = clockOf(text);
  return t ? `${String(t.h).padStart(2, '0')}:${String(t.mi).padStart(2, '0')}` : null;
}
