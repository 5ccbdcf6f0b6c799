import { DateTime } from 'luxon';
import { HandoutError, quote } from '../errors.js';
import type { FieldNamer } from '../schema/visit.js';
import type { ColumnField } from '../schema/clinic.js';
import type { SourceRow } from './source-row.js';

/** A row turned into the single-sheet pipeline's raw visit fields, and what is already wrong with it. */
export interface RowFields {
  /** VisitInput-shaped: name, treatment, date, timeZone, area, concern, note, language, email, id. */
  input: Record<string, unknown>;
  /** Each VisitInput field's column header as written in the file, for messages (plain data: it crosses to the workers). */
  names: Record<string, string>;
  /** Problems found before validation (an empty date, a bad time, a stray separator...). */
  errors: HandoutError[];
  /** The visit's local day (YYYY-MM-DD) when its date says so, even if the row is otherwise bad. */
  day?: string;
}

const DIRECT = ['treatment', 'area', 'concern', 'note', 'language', 'email', 'id'] as const;
const DATE_HINT = 'Use a local date and time like 2026-11-23T14:30 (24-hour clock), or a date column plus a time column.';
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([AaPp])\.?[Mm]\.?)?$/;

const FREE_TEXT = new Set<ColumnField>(['note', 'area', 'concern']);

export const fieldNamer = (names: Readonly<Record<string, string>>): FieldNamer => (field) => names[field] ?? field;

/** Map a row's columns to the visit's fields, joining first and last names and date and time. */
export function rowFields(row: SourceRow): RowFields {
  const { values, columns } = row;
  const header = (f: ColumnField) => columns.header[f] ?? f;
  const errors: HandoutError[] = [...row.problems];
  const cell = (f: ColumnField): unknown => {
    const v = values[f];
    if (typeof v !== 'string') return v;
    // Spreadsheets keep line breaks typed inside a cell; in free text they are spaces on the sheet.
    // In a name or an address a line break is refused by validation: it would go into mail headers.
    const s = FREE_TEXT.has(f) ? v.replace(/\s*[\r\n\t\v\f]+\s*/g, ' ') : v;
    if (s.includes('\uFFFD')) {
      errors.push(new HandoutError('E_INPUT', `${header(f)}: ${quote(s)} has characters that are not UTF-8`, { path: header(f), hint: 'Export the file as "CSV UTF-8".' }));
    }
    return s;
  };

  // A stray separator shifts every later value: what the columns say cannot be trusted, so only that is reported.
  if (row.problems.length) return { input: {}, names: {}, errors };

  const names: Record<string, string> = { timeZone: header('timezone') };
  const input: Record<string, unknown> = { timeZone: cell('timezone') };
  for (const f of DIRECT) {
    input[f] = cell(f);
    names[f] = header(f);
  }
  // A JSON visit without the key reads like an empty cell ("cannot be empty"), not a type error.
  input.treatment ??= '';

  if (columns.index.name !== undefined || (columns.index.first_name === undefined && columns.index.last_name === undefined)) {
    input.name = cell('name') ?? '';
    names.name = header('name');
  } else {
    const parts = [cell('first_name'), cell('last_name')].map((p) => (typeof p === 'string' ? p.trim() : ''));
    input.name = parts.filter(Boolean).join(' ');
    names.name = [columns.header.first_name, columns.header.last_name].filter(Boolean).join(' + ');
  }

  names.date = header('date');
  const date = joinDateTime(cell('date'), cell('time'), header('date'), header('time'), errors);
  if (date !== undefined) input.date = date;
  const day = typeof date === 'string' ? /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(date.trim())?.[1] : undefined;
  return { input, names, errors, ...(day && DateTime.fromISO(day).isValid && { day }) };
}

/** The date cell, or date plus time cells, as one local date-time; undefined (with an error) when missing or bad. */
function joinDateTime(date: unknown, time: unknown, dateHeader: string, timeHeader: string, errors: HandoutError[]): unknown {
  if (date === undefined || (typeof date === 'string' && date.trim() === '')) {
    errors.push(new HandoutError('E_INPUT', `${dateHeader}: cannot be empty (nothing was given)`, { path: dateHeader, hint: DATE_HINT }));
    return undefined;
  }
  if (typeof date !== 'string' || typeof time !== 'string' || time.trim() === '') return date;
  const d = date.trim();
  const dayOnly = /^(\d{4}-\d{2}-\d{2})(?:[T ]00:00(?::00)?)?$/.exec(d);
  if (!dayOnly) {
    errors.push(new HandoutError('E_INPUT', `${timeHeader}: ${quote(time)} was given, but ${dateHeader} already has a time (got ${quote(d)})`, {
      path: timeHeader,
      hint: `Give the time in one of the two columns: ${dateHeader} as 2026-11-23 and ${timeHeader} as 14:30.`,
    }));
    return undefined;
  }
  const hhmm = clockTime(time.trim());
  if (!hhmm) {
    errors.push(new HandoutError('E_INPUT', `${timeHeader}: ${quote(time)} is not a time of day`, { path: timeHeader, hint: 'Use a time like 14:30 or 2:30 PM.' }));
    return undefined;
  }
  return `${dayOnly[1]}T${hhmm}`;
}

/** "14:30", "9:05", "14:30:00", "2:30 PM", "2:30 p.m." -> "HH:MM"; null when not a time of day. */
export function clockTime(text: string): string | null {
  const m = TIME.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = m[4]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || Number(m[3] ?? 0) > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}
