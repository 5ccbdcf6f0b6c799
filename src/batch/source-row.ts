import type { HandoutError } from '../errors.js';
import type { ColumnField } from '../schema/clinic.js';
import type { Columns } from './normalize-headers.js';

/**
 * One visit's row as found in the file, before validation. The readers (read-csv.ts, read-xlsx.ts,
 * read-json.ts) each make these; nothing below them knows which format a row came from.
 */
export interface SourceRow {
  /** The row as a spreadsheet shows it (CSV: header = 1; a workbook: its own row number); for JSON the 1-based position in the list. */
  line: number;
  /** The value of each field the row gives, as written (a string, or an ExcelDateCell). */
  values: Partial<Record<ColumnField, unknown>>;
  /** Headers as written in the file, for messages. */
  columns: Columns;
  /** Problems with the row as a whole (a stray separator, an unclosed quote, not an object). */
  problems: HandoutError[];
}

export interface RowSource {
  /** csv, xlsx or json. */
  format: 'csv' | 'xlsx' | 'json';
  /** For a workbook: the sheet read. */
  sheet?: string;
  rows: AsyncIterable<SourceRow>;
  /** How many rows the file holds, for a progress bar (undefined when only a second full read could tell). */
  count?(): Promise<number>;
}

/** Longest record (CSV) or cell (workbook) read; a longer one is reported on its own line and the rows after it are read. */
export const MAX_RECORD_CHARS = 1_000_000;

/** A booking system's header (or a JSON path like client.first_name) -> our field. */
export type Mapping = Readonly<Record<string, ColumnField>>;

/**
 * A cell Excel stores as a date, a time or both (a number of days since 1900, shown through a date
 * format): its local wall-clock parts, as the spreadsheet shows them. No zone: Excel has none.
 */
export interface ExcelDateCell {
  excel: true;
  /** YYYY-MM-DD, unless the cell is a time of day only. */
  date?: string;
  /** HH:MM:SS, unless the cell is a date only (midnight). */
  time?: string;
}

export const isExcelDate = (v: unknown): v is ExcelDateCell => typeof v === 'object' && v !== null && (v as ExcelDateCell).excel === true;

/** How openRows finds the header and matches columns. */
export interface ReadOptions {
  mapping?: Mapping;
  /** A workbook's sheet by name (default: the first). */
  sheet?: string;
  /**
   * For `handout columns`: never stop for missing columns, and also match headers that booking
   * systems commonly use (suggest-columns.ts), marking those as suggested.
   */
  inspect?: boolean;
}
