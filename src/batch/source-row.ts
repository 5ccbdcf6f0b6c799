import type { HandoutError } from '../errors.js';
import type { ColumnField } from '../schema/clinic.js';
import type { Columns } from './normalize-headers.js';

/** One visit's row as found in the file, before validation. */
export interface SourceRow {
  /** The line as a spreadsheet shows it (header = 1) for CSV; the 1-based position for JSON. */
  line: number;
  /** The value of each field the row gives, as written. */
  values: Partial<Record<ColumnField, unknown>>;
  /** Headers as written in the file, for messages. */
  columns: Columns;
  /** Problems with the row as a whole (a stray separator, not an object). */
  problems: HandoutError[];
}

export interface RowSource {
  rows: AsyncIterable<SourceRow>;
  /** How many rows the file holds (a second, cheap pass for CSV), for a progress bar. */
  count(): Promise<number>;
}

export type Mapping = Readonly<Record<string, ColumnField>>;
