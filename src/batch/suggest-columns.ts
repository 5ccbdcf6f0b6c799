import { COLUMN_FIELDS, type ColumnField } from '../schema/clinic.js';
import { matchColumns, normalizeHeader, type Columns } from './normalize-headers.js';
import type { Mapping } from './source-row.js';

/**
 * Headers booking systems use for our fields (Acuity, Vagaro, Boulevard, Mindbody and their APIs),
 * with the fields each may give, in order of preference ("Start time" is the date when the file has
 * no date column, else the time). Only for suggestions (`handout columns`): the batch itself uses
 * the clinic's own `columns`, so a guess never decides what a sheet says.
 */
const SYNONYMS: [string, ColumnField[]][] = [
  ['client', ['name']],
  ['client name', ['name']],
  ['customer', ['name']],
  ['customer name', ['name']],
  ['patient', ['name']],
  ['patient name', ['name']],
  ['full name', ['name']],
  ['client first name', ['first_name']],
  ['customer first name', ['first_name']],
  ['given name', ['first_name']],
  ['client last name', ['last_name']],
  ['customer last name', ['last_name']],
  ['surname', ['last_name']],
  ['family name', ['last_name']],
  ['start time', ['date', 'time']],
  ['start', ['date']],
  ['start date', ['date']],
  ['start at', ['date']],
  ['starts at', ['date']],
  ['datetime', ['date']],
  ['date time', ['date']],
  ['appointment start', ['date']],
  ['appointment date', ['date']],
  ['appt date', ['date']],
  ['appointment time', ['time']],
  ['appt time', ['time']],
  ['type', ['service']],
  ['appointment type', ['service']],
  ['visit type', ['service']],
  ['service name', ['service']],
  ['services', ['service']],
  ['treatment name', ['service']],
  ['appointment status', ['status']],
  ['appt status', ['status']],
  ['state', ['status']],
  ['client email', ['email']],
  ['customer email', ['email']],
  ['email address', ['email']],
  ['notes', ['note']],
  ['appointment notes', ['note']],
  ['comments', ['note']],
  ['appointment id', ['id']],
  ['appt id', ['id']],
  ['booking id', ['id']],
  ['tz', ['timezone']],
  ['location timezone', ['timezone']],
  ['location tz', ['timezone']],
];
const BY_KEY = new Map<string, ColumnField[]>([...COLUMN_FIELDS.map((f) => [normalizeHeader(f), [f]] as [string, ColumnField[]]), ...SYNONYMS.map(([h, f]) => [normalizeHeader(h), f] as [string, ColumnField[]])]);

/** Candidates for a header; for a JSON path (a.b.c) also its last two parts and its last part (not a bare "name": a service's name is not the patient's). */
function candidates(header: string): ColumnField[] {
  const whole = BY_KEY.get(normalizeHeader(header));
  if (whole) return whole;
  const parts = header.split('.').filter((p) => !/^\d+$/.test(p));
  if (parts.length < 2) return [];
  const lastTwo = BY_KEY.get(normalizeHeader(parts.slice(-2).join('.')));
  if (lastTwo) return lastTwo;
  const last = normalizeHeader(parts.at(-1)!);
  return last === 'name' ? [] : (BY_KEY.get(last) ?? []);
}

/** Headers the mapping and built-in names leave unmatched -> a field they probably give (each field once). */
export function suggestColumns(headers: readonly string[], mapping: Mapping = {}): Record<string, ColumnField> {
  const columns: Columns = matchColumns(headers, mapping);
  const taken = new Set(Object.keys(columns.index) as ColumnField[]);
  const matched = new Set(Object.values(columns.index));
  const suggested: Record<string, ColumnField> = {};
  headers.forEach((header, i) => {
    if (matched.has(i) || header.trim() === '') return;
    const blocked = (f: ColumnField) =>
      taken.has(f) || (f === 'name' && (taken.has('first_name') || taken.has('last_name'))) || ((f === 'first_name' || f === 'last_name') && taken.has('name'));
    const field = candidates(header).find((f) => !blocked(f));
    if (!field) return;
    suggested[header] = field;
    taken.add(field);
  });
  return suggested;
}
