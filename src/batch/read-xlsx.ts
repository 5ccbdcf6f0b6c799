import { Readable } from 'node:stream';
import type { Row, stream } from 'exceljs';
import { HandoutError, isHandoutError, quote } from '../errors.js';
import type { ColumnField } from '../schema/clinic.js';
import { BatchStopped } from './batch-stopped.js';
import { HeaderSearch } from './find-header.js';
import type { Columns } from './normalize-headers.js';
import { MAX_RECORD_CHARS, type ExcelDateCell, type ReadOptions, type SourceRow } from './source-row.js';
import { readEntry, streamEntry } from './zip-entry.js';
import { checkZip } from './zip-limits.js';

/** Rows and columns read from a sheet: far more than a day's visits, far fewer than a bomb's. */
export const SHEET_LIMITS = { rows: 50_000, columns: 200 };

type WorkbookReader = stream.xlsx.WorkbookReader;
interface SheetEntry {
  name: string;
  state?: string;
  rId?: string;
}
/** The workbook's own list of sheets, in tab order (known once workbook.xml has been read). */
const sheetList = (reader: WorkbookReader) => (reader as unknown as { model?: { sheets?: SheetEntry[] } }).model?.sheets;

/**
 * A sheet's name. ExcelJS finds it only when the workbook's relationship names the part
 * "worksheets/sheetN.xml"; openpyxl and others write "/xl/worksheets/sheetN.xml", and ExcelJS then
 * calls it "SheetN" (its id stays the N of the part's file name, a string).
 */
function sheetName(reader: WorkbookReader, sheet: { id: unknown; name: string }): string {
  if (typeof sheet.id !== 'string') return sheet.name;
  const rels = (reader as unknown as { workbookRels?: { Id: string; Target: string }[] }).workbookRels ?? [];
  const rel = rels.find((r) => r.Target.replace(/^\//, '').replace(/^xl\//, '') === `worksheets/sheet${sheet.id}.xml`);
  return sheetList(reader)?.find((s) => rel && s.rId === rel.Id)?.name ?? sheet.name;
}
type Cell = string | ExcelDateCell | undefined;

/** The parts of ExcelJS's streaming reader this file drives, in the order a sheet needs them. */
interface ReaderParts {
  _parseRels(part: Readable): Promise<void>;
  _parseWorkbook(part: Readable): Promise<void>;
  _parseSharedStrings(part: Readable): AsyncIterable<unknown>;
  _parseStyles(part: Readable): Promise<void>;
  _parseWorksheet(rows: AsyncIterable<Buffer>, sheetNo: string): Iterable<{ value: unknown }>;
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * The workbook's sheets, each read row by row (never held whole) by ExcelJS's streaming reader,
 * loaded only when a workbook is met and kept out of the CLI's bundle (only its reader: half the
 * start-up). ExcelJS's own pass over the zip (unzipper's streaming parser, and a temporary file
 * for a sheet listed before its strings, as openpyxl and Mindbody write them) lost a part of the
 * workbook about once in a hundred reads ("Cannot read properties of undefined (reading 'model')",
 * or no sheets at all). Here the parts are found through the zip's directory (checkZip) and handed
 * to the reader in the order a sheet needs them: relationships, workbook, strings, styles, then the
 * sheets in the zip's order, each unpacked only if it is read.
 */
async function openWorkbook(file: string): Promise<{ reader: WorkbookReader; sheets: () => Generator<unknown> }> {
  const entries = checkZip(file);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const WorkbookReaderClass = require('exceljs/lib/stream/xlsx/workbook-reader') as typeof stream.xlsx.WorkbookReader;
  const reader = new WorkbookReaderClass(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' }) as WorkbookReader;
  const parts = reader as unknown as ReaderParts;
  checkReaderParts(parts);
  const part = (name: string) => {
    const entry = entries.find((e) => e.name === name);
    return entry && Readable.from([readEntry(file, entry)]);
  };
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) await parts._parseRels(rels);
  const workbook = part('xl/workbook.xml');
  if (workbook) await parts._parseWorkbook(workbook);
  const strings = part('xl/sharedStrings.xml');
  if (strings) for await (const _ of parts._parseSharedStrings(strings)); // eslint-disable-line @typescript-eslint/no-unused-vars
  const styles = part('xl/styles.xml');
  if (styles) await parts._parseStyles(styles);
  function* sheets(): Generator<unknown> {
    for (const entry of entries) {
      const sheetNo = SHEET_PART.exec(entry.name)?.[1];
      if (sheetNo !== undefined) for (const { value } of parts._parseWorksheet(streamEntry(file, entry), sheetNo)) yield value;
    }
  }
  return { reader, sheets };
}

/** ExcelJS is pinned (package.json): another version may not have the parts openWorkbook drives. */
function checkReaderParts(parts: ReaderParts): void {
  const missing = (['_parseRels', '_parseWorkbook', '_parseSharedStrings', '_parseStyles', '_parseWorksheet'] as const).filter((m) => typeof parts[m] !== 'function');
  if (missing.length === 0) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const installed = (require('exceljs/package.json') as { version: string }).version;
  throw new HandoutError('E_INSTALL', `ExcelJS ${installed} is installed, but this version of handout reads workbooks through ExcelJS 4.4.0 (${missing.join(', ')} missing)`, {
    hint: 'Reinstall with `npm ci` (the lock file pins ExcelJS 4.4.0).',
  });
}

/** The rows of one sheet of a workbook (the first, or `options.sheet`), numbered as the spreadsheet shows them. */
export async function* xlsxRows(file: string, options: ReadOptions, onSheet: (name: string) => void): AsyncGenerator<SourceRow> {
  const seen: string[] = [];
  let found = false;
  let reader: WorkbookReader | undefined;
  try {
    const workbook = await openWorkbook(file);
    reader = workbook.reader;
    for (const sheet of workbook.sheets()) {
      const name = sheetName(reader, sheet as { id: unknown; name: string });
      seen.push(name);
      if (!isWanted(reader, name, options.sheet)) continue;
      found = true;
      onSheet(name);
      yield* sheetRows(file, sheet as AsyncIterable<Row>, options);
      break;
    }
  } catch (e) {
    if (isHandoutError(e)) throw e;
    throw new BatchStopped('E_INPUT', `${file} cannot be read as an Excel workbook: ${(e as Error).message}`, {
      path: file,
      hint: 'Export the workbook again from the booking system (or save it again in Excel as .xlsx), or export CSV.',
    });
  }
  if (!found) {
    const names = (reader && sheetList(reader)?.map((s) => s.name)) ?? seen;
    throw new BatchStopped('E_INPUT', options.sheet === undefined ? `${file} has no sheets` : `${file} has no sheet named ${quote(options.sheet)}`, {
      path: file,
      hint: names.length ? `Its sheets: ${names.map((n) => quote(n)).join(', ')}. Name one with --sheet.` : 'Export the appointments again.',
    });
  }
}

/** The sheet asked for by name (case and surrounding spaces ignored), else the first visible sheet in the workbook's own order. */
function isWanted(reader: WorkbookReader, name: string, wanted: string | undefined): boolean {
  if (wanted !== undefined) return name.trim().toLowerCase() === wanted.trim().toLowerCase();
  const first = sheetList(reader)?.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  return !first || first.name === name;
}

async function* sheetRows(file: string, rows: AsyncIterable<Row>, options: ReadOptions): AsyncGenerator<SourceRow> {
  const search = new HeaderSearch(file, options);
  let columns: Columns | undefined;
  let count = 0;
  for await (const row of rows) {
    if (++count > SHEET_LIMITS.rows) {
      throw new BatchStopped('E_INPUT', `${file}: the sheet has more than ${SHEET_LIMITS.rows.toLocaleString('en-US')} rows, far more than a day's appointments`, {
        path: file,
        hint: 'Export only the day (or week) needed. The sheets made so far are kept.',
      });
    }
    const cells = rowCells(row);
    if (cells.every((c) => c === undefined || (typeof c === 'string' && c.trim() === ''))) continue;
    if (!columns) {
      columns = search.offer(cells.map(cellText));
      continue;
    }
    yield xlsxRow(row.number, cells, columns);
  }
  if (!columns) search.finish();
}

function rowCells(row: Row): Cell[] {
  const cells: Cell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    if (col <= SHEET_LIMITS.columns) cells[col - 1] = cellValue(cell.value);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= undefined;
  return cells;
}

/** A cell as text, or a date cell's wall-clock parts; formulas give their result, rich text its characters. */
export function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return excelDate(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text ?? '').join('');
    if ('result' in o) return cellValue(o.result);
    if ('text' in o) return cellValue(o.text);
    if (typeof o.error === 'string') return o.error;
  }
  return undefined;
}

/**
 * ExcelJS turns a date cell into a JavaScript Date whose UTC fields are the wall-clock time the
 * spreadsheet shows. Rounded to the second: Excel stores days as a binary fraction (14:30 can come
 * back as 14:29:59.9999). A time-only cell is a day 0 (1899-12-30, or 1904-01-01 in Mac workbooks).
 */
function excelDate(d: Date): ExcelDateCell | undefined {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return undefined;
  const t = new Date(Math.round(ms / 1000) * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const date = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  const dayZero = date === '1899-12-30' || date === '1899-12-31' || date === '1904-01-01';
  return { excel: true, ...(!dayZero && { date }), ...((dayZero || time !== '00:00:00') && { time }) };
}

export const cellText = (c: Cell): string => (c === undefined ? '' : typeof c === 'string' ? c : [c.date, c.time].filter(Boolean).join(' '));

function xlsxRow(line: number, cells: Cell[], columns: Columns): SourceRow {
  const values: SourceRow['values'] = {};
  const problems: HandoutError[] = [];
  for (const [field, i] of Object.entries(columns.index) as [ColumnField, number][]) {
    const c = cells[i];
    if (typeof c === 'string' && c.length > MAX_RECORD_CHARS) {
      problems.push(new HandoutError('E_INPUT', `${columns.header[field]}: the value is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters: it cannot be a visit's`, {
        path: columns.header[field]!,
        hint: 'Check this row in the booking system and export again.',
      }));
    }
    values[field] = c ?? '';
  }
  return { line, values, columns, problems };
}
