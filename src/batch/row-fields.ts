import { HandoutError, quote } from '../errors.js';
import type { FieldNamer } from '../schema/visit.js';
import type { ColumnField, DateOrder } from '../schema/clinic.js';
import { readWhen } from './read-date.js';
import { isSkippedStatus, serviceEntry, serviceTreatment, type VisitFilter } from './service-status.js';
import { isExcelDate, type SourceRow } from './source-row.js';

export { clockTime } from './read-date.js';

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
  /** Why the row is not an aftercare visit (cancelled, a service not in `services`): passed over, not an error. */
  skip?: string;
}

/** What the clinic config says about reading its export. */
export interface RowSettings {
  filter: VisitFilter;
  dateOrder: DateOrder;
}

const DIRECT = ['area', 'concern', 'note', 'language', 'email', 'id'] as const;
const FREE_TEXT = new Set<ColumnField>(['note', 'area', 'concern']);

export const fieldNamer = (names: Readonly<Record<string, string>>): FieldNamer => (field) => names[field] ?? field;

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Map a row's columns to the visit's fields: names joined, date and time read, the service turned into a treatment. */
export function rowFields(row: SourceRow, settings: RowSettings): RowFields {
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
  // A date of birth (to lock an emailed sheet); a spreadsheet's date cell gives its day as YYYY-MM-DD.
  const dob = cell('dob');
  input.dob = isExcelDate(dob) ? dob.date : dob;
  names.dob = header('dob');

  if (columns.index.name !== undefined || (columns.index.first_name === undefined && columns.index.last_name === undefined)) {
    // One name column ("Zoë O'Brien", or "O'Brien, Zoë" as Mindbody and Vagaro write it) prints as written.
    input.name = cell('name') ?? '';
    names.name = header('name');
  } else {
    const parts = [cell('first_name'), cell('last_name')].map((p) => (typeof p === 'string' ? p.trim() : ''));
    input.name = parts.filter(Boolean).join(' ');
    names.name = [columns.header.first_name, columns.header.last_name].filter(Boolean).join(' + ');
  }

  names.date = header('date');
  const when = readWhen(cell('date'), cell('time'), { order: settings.dateOrder, dateHeader: header('date'), timeHeader: header('time') });
  if (when instanceof HandoutError) errors.push(when);
  else input.date = when.iso;
  const day = when instanceof HandoutError ? undefined : when.day;
  const fields = (skip?: string): RowFields => ({ input, names, errors, ...(day && { day }), ...(skip && { skip }) });

  // Cancelled and no-show rows, and services that are not microneedling, are passed over, whatever else they hold.
  const status = cell('status');
  if (typeof status === 'string' && isSkippedStatus(settings.filter, status)) return fields(`${header('status')} is ${quote(status.trim(), 40)}`);

  names.treatment = header('treatment');
  const treatment = cell('treatment');
  const service = cell('service');
  if (!blank(treatment) || columns.index.service === undefined) {
    // A JSON visit without the key reads like an empty cell ("cannot be empty"), not a type error.
    input.treatment = treatment ?? '';
  } else if (blank(service)) {
    names.treatment = header('service');
    input.treatment = '';
  } else if (typeof service === 'string') {
    const t = serviceTreatment(settings.filter, service);
    if (!t) {
      const entry = serviceEntry(settings.filter, service);
      return fields(
        entry === undefined
          ? `${header('service')} ${quote(service.trim(), 60)} matches no entry of "services" in the clinic config`
          : `${header('service')} ${quote(service.trim(), 60)} is not an aftercare visit (the clinic config's "services" says "skip")`,
      );
    }
    input.treatment = t;
  } else {
    names.treatment = header('service');
    input.treatment = service;
  }
  return fields();
}
