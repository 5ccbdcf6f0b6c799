import { COLUMN_FIELDS, type ColumnField } from '../schema/clinic.js';

/**
 * Characters that show as nothing: zero-width spaces and joiners, a byte-order mark in the middle of
 * a file, soft hyphens, direction marks. Exports carry them (a BOM left in a header, a name pasted
 * from a web page); "Name\u200B" must still be the name column.
 */
export const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu;

/**
 * "First Name", "first_name", " FIRST-NAME ", "firstname" and "ＦｉｒｓｔＮａｍｅ" are the same header
 * (compatibility forms folded, invisible characters dropped; dots too, so a JSON path matches however it is spelt).
 */
export const normalizeHeader = (header: string): string =>
  header.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/[\s_\-.]+/g, '');

/** Other usual headers of a field. */
const ALIASES: Record<string, ColumnField> = { dateofbirth: 'dob', birthdate: 'dob', birthday: 'dob' };
const BUILT_IN = new Map<string, ColumnField>([...COLUMN_FIELDS.map((f) => [normalizeHeader(f), f] as const), ...Object.entries(ALIASES)]);

/** The field a header gives by its own name ("Email", "first_name", "Date of Birth"), if any. */
export const builtInField = (header: string): ColumnField | undefined => BUILT_IN.get(normalizeHeader(header));

/** Which column gives which field, and how the file spells each header (for messages). */
export interface Columns {
  index: Partial<Record<ColumnField, number>>;
  header: Partial<Record<ColumnField, string>>;
  /** Fields given by more than one column, with those columns' headers. */
  duplicates: { field: ColumnField; headers: string[] }[];
  /** Every header found, as written. */
  found: string[];
  /** `handout columns` only: headers matched by a guess (suggest-columns.ts), not by the config or their own name. */
  suggested?: Record<string, ColumnField>;
}

/**
 * Match a file's headers to our fields. The clinic config's `columns` mapping (booking-system
 * header -> field) comes first; a field it maps is no longer matched by its own name, so a
 * booking system's unrelated "Name" column (the service's name, say) cannot collide with it.
 */
export function matchColumns(headers: readonly string[], mapping: Readonly<Record<string, ColumnField>> = {}): Columns {
  const mapped = new Map<string, ColumnField>(Object.entries(mapping).map(([h, f]) => [normalizeHeader(h), f]));
  const mappedFields = new Set(mapped.values());
  const columns: Columns = { index: {}, header: {}, duplicates: [], found: [...headers] };
  headers.forEach((header, i) => {
    const key = normalizeHeader(header);
    const builtIn = BUILT_IN.get(key);
    const field = mapped.get(key) ?? (builtIn && !mappedFields.has(builtIn) ? builtIn : undefined);
    if (!field) return;
    if (columns.index[field] === undefined) {
      columns.index[field] = i;
      columns.header[field] = header;
      return;
    }
    const dup = columns.duplicates.find((d) => d.field === field);
    if (dup) dup.headers.push(header);
    else columns.duplicates.push({ field, headers: [columns.header[field]!, header] });
  });
  return columns;
}

/** The columns a batch needs, in words, for messages. */
export const NEEDED = 'name (or first_name and last_name), treatment (or service), date (a date and time, or date plus time)';

/** Required fields the columns do not give. */
export function missingFields(columns: Columns): string[] {
  const has = (f: ColumnField) => columns.index[f] !== undefined;
  const missing: string[] = [];
  if (!has('name')) {
    if (!has('first_name') && !has('last_name')) missing.push('name (or first_name and last_name)');
    else if (!has('first_name')) missing.push('first_name');
    else if (!has('last_name')) missing.push('last_name');
  }
  if (!has('treatment') && !has('service')) missing.push('treatment (or service)');
  if (!has('date')) missing.push('date');
  return missing;
}

export const MAPPING_HINT =
  'Rename the columns in the file, or map the booking system\'s headers in the clinic config: "columns": {"Client Name": "name", "Appointment Start": "date"}. `handout columns <file>` shows what it finds and a block to paste.';

export const hasAnyField = (columns: Columns): boolean => Object.keys(columns.index).length > 0;
