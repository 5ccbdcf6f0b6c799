import { DateTime } from 'luxon';
import type { DateOrder } from './clinic.js';

export type DobResult = { ok: true; iso: string } | { ok: false; why: string };

const MONTHS: Record<string, number> = {};
// English and Spanish month names and their usual abbreviations (a booking export's language).
[
  ['january', 'jan', 'enero', 'ene'],
  ['february', 'feb', 'febrero'],
  ['march', 'mar', 'marzo'],
  ['april', 'apr', 'abril', 'abr'],
  ['may', 'mayo'],
  ['june', 'jun', 'junio'],
  ['july', 'jul', 'julio'],
  ['august', 'aug', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre', 'set'],
  ['october', 'oct', 'octubre'],
  ['november', 'nov', 'noviembre'],
  ['december', 'dec', 'diciembre', 'dic'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

export const DOB_STYLES = (order: DateOrder) =>
  `1985-04-12, ${order === 'DMY' ? '12/04/1985 (day first, as the clinic\'s dateOrder says)' : '04/12/1985 (month first, as the clinic\'s dateOrder says)'}, April 12, 1985 or 12 April 1985`;

/**
 * A date of birth in any common style -> YYYY-MM-DD: ISO (1985-04-12, also with a time after it,
 * as JSON exports give it), numbers with / . or - in the clinic's order (04/12/1985 for MDY,
 * 12/04/1985 or 12.04.1985 for DMY), or with the month's name (April 12, 1985; 12 April 1985;
 * 12 de abril de 1985). The year must have four digits (85 could be 1985 or 2085). It must be a
 * real day, not after `today`, and not before 1900.
 */
export function parseDob(text: string, order: DateOrder, today: DateTime): DobResult {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let y: number | undefined;
  let m: number | undefined;
  let d: number | undefined;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d+)$/.exec(s))) {
    const [a, b] = [Number(match[1]), Number(match[2])];
    [m, d] = order === 'MDY' ? [a, b] : [b, a];
    if (match[3]!.length !== 4) return { ok: false, why: 'has no four-digit year' };
    y = Number(match[3]);
  } else if ((match = /^([a-z\u00e1\u00e9\u00ed\u00f3\u00fa]+)\.? (\d{1,2}),? (\d+)$/.exec(s))) {
    [m, d, y] = [MONTHS[match[1]!], Number(match[2]), Number(match[3])];
    if (match[3]!.length !== 4) return { ok: false, why: 'has no four-digit year' };
  } else if ((match = /^(\d{1,2})(?: de)? ([a-z\u00e1\u00e9\u00ed\u00f3\u00fa]+)\.?,?(?: de)? (\d+)$/.exec(s))) {
    [d, m, y] = [Number(match[1]), MONTHS[match[2]!], Number(match[3])];
    if (match[3]!.length !== 4) return { ok: false, why: 'has no four-digit year' };
  } else {
    return { ok: false, why: 'is not a date' };
  }
  if (m === undefined) return { ok: false, why: 'does not name a month' };
  const date = DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'utc' });
  if (!date.isValid) {
    const why = m < 1 || m > 12 ? `has no month ${m}${order === 'MDY' && d! <= 12 ? ' (is it day first? the clinic\'s dateOrder is MDY)' : ''}` : `is not a real day (${DateTime.fromObject({ year: y, month: m }).toFormat('LLLL yyyy', { locale: 'en' })} has no day ${d})`;
    return { ok: false, why };
  }
  const iso = date.toISODate()!;
  if (iso > today.toISODate()!) return { ok: false, why: 'is in the future' };
  if (y! < 1900) return { ok: false, why: 'is before 1900' };
  return { ok: true, iso };
}

/** The password a patient types to open a locked sheet: eight digits, MMDDYYYY or DDMMYYYY. */
export function dobPassword(iso: string, order: DateOrder): string {
  const [y, m, d] = iso.split('-');
  return order === 'DMY' ? `${d}${m}${y}` : `${m}${d}${y}`;
}

/** How to type it, for the email: the pattern, never a patient's value. */
export const passwordPattern = (order: DateOrder) => (order === 'DMY' ? 'DDMMYYYY' : 'MMDDYYYY');
