import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { CsvError, parse } from 'csv-parse';
import { HandoutError, quote } from '../errors.js';
import type { ColumnField } from '../schema/clinic.js';
import { BatchStopped, unreadable } from './batch-stopped.js';
import { jsonRows, readJsonArray } from './read-json.js';
import type { Mapping, RowSource, SourceRow } from './source-row.js';
import { hasAnyField, MAPPING_HINT, matchColumns, missingFields, NEEDED, type Columns } from './normalize-headers.js';

/**
 * Open an appointments file (CSV with a header row, or a JSON array of objects). Everything that
 * makes the file unusable as a whole is a BatchStopped, thrown here or while reading; problems of
 * one row stay with that row.
 */
export function openRows(file: string, mapping: Mapping = {}): RowSource {
  const head = readHead(file);
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*$/.test(text)) {
    throw new BatchStopped('E_INPUT', `${file} is empty: there is no header row`, { path: file, hint: `The first row must name the columns: ${NEEDED}.` });
  }
  refuseBinary(file, head);
  if (extname(file).toLowerCase() === '.json' || /^\s*[[{]/.test(text)) {
    const visits = readJsonArray(file);
    return { rows: jsonRows(file, visits, mapping), count: async () => visits.length };
  }
  const delimiter = sniffDelimiter(text);
  return { rows: csvRows(file, delimiter, mapping), count: () => countCsvRows(file, delimiter) };
}

function readHead(file: string): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(64 * 1024);
    return buf.subarray(0, readSync(fd, buf, 0, buf.length, 0));
  } catch (e) {
    throw unreadable(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function refuseBinary(file: string, head: Buffer): void {
  const what =
    head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004'
      ? 'an Excel workbook (or another zip file)'
      : head.subarray(0, 5).toString('latin1') === '%PDF-'
        ? 'a PDF'
        : head.includes(0)
          ? 'not a text file (or a UTF-16 "Unicode text" export)'
          : null;
  if (what) {
    throw new BatchStopped('E_INPUT', `${file} is ${what}, not a CSV or JSON file`, {
      path: file,
      hint: 'Export the appointments as "CSV UTF-8" (comma or semicolon separated), with a header row.',
    });
  }
}

/** The separator of the header line: comma, semicolon (European spreadsheets) or tab. */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

function csvParser(file: string, delimiter: string) {
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines are kept (and skipped below) so line numbers match what a spreadsheet shows.
    skip_empty_lines: false,
    max_record_size: 1_000_000,
  });
  createReadStream(file)
    .on('error', (e) => parser.destroy(unreadable(file, e)))
    .pipe(parser);
  return parser as AsyncIterable<string[]> & typeof parser;
}

const isBlank = (record: readonly string[]) => record.every((cell) => cell.trim() === '');

async function* csvRows(file: string, delimiter: string, mapping: Mapping): AsyncGenerator<SourceRow> {
  let line = 0;
  let columns: Columns | undefined;
  try {
    // Pulling records one at a time pauses the file while rows wait for a renderer: memory stays flat.
    for await (const record of csvParser(file, delimiter)) {
      line++;
      if (isBlank(record)) continue;
      if (!columns) {
        columns = headerColumns(file, record, mapping);
        continue;
      }
      yield csvRow(line, record, columns, delimiter);
    }
  } catch (e) {
    if (e instanceof CsvError) {
      throw new BatchStopped('E_INPUT', `${file}: line ${line + 1} cannot be read as CSV: ${e.message.replace(/^Invalid /, 'invalid ')}`, {
        path: file,
        hint: 'A value that contains the separator, a quote or a line break must be in double quotes, with quotes inside it doubled ("").',
      });
    }
    throw e;
  }
  if (!columns) headerColumns(file, [], mapping);
}

function headerColumns(file: string, headers: string[], mapping: Mapping): Columns {
  const columns = matchColumns(headers.map((h) => h.trim()), mapping);
  const found = columns.found.filter((h) => h !== '').map((h) => quote(h, 40)).join(', ') || 'none';
  if (!hasAnyField(columns)) {
    throw new BatchStopped('E_INPUT', `${file} has no recognisable columns. Found: ${found}. Needed: ${NEEDED}.`, { path: file, hint: MAPPING_HINT });
  }
  const missing = missingFields(columns);
  if (missing.length) {
    throw new BatchStopped('E_INPUT', `${file} has no column for ${missing.join(', ')}. Found: ${found}. Needed: ${NEEDED}.`, { path: file, hint: MAPPING_HINT });
  }
  const dup = columns.duplicates[0];
  if (dup) {
    throw new BatchStopped('E_INPUT', `${file}: the columns ${dup.headers.map((h) => quote(h)).join(' and ')} both give the ${dup.field}`, {
      path: file,
      hint: 'Remove one of them, or map the one to use in the clinic config ("columns").',
    });
  }
  return columns;
}

function csvRow(line: number, record: string[], columns: Columns, delimiter: string): SourceRow {
  const values: SourceRow['values'] = {};
  for (const [field, i] of Object.entries(columns.index) as [ColumnField, number][]) values[field] = record[i] ?? '';
  const problems: HandoutError[] = [];
  const width = columns.found.length;
  if (record.length > width) {
    const sep = delimiter === '\t' ? 'tab' : delimiter;
    problems.push(
      new HandoutError('E_INPUT', `has ${record.length} values but the header has ${width} columns`, {
        hint: `A value with a ${sep} in it must be in double quotes, e.g. "O'Brien${delimiter === '\t' ? ' ' : delimiter} Zoë".`,
      }),
    );
  }
  return { line, values, columns, problems };
}

async function countCsvRows(file: string, delimiter: string): Promise<number> {
  let rows = -1; // the header
  try {
    for await (const record of csvParser(file, delimiter)) if (!isBlank(record)) rows++;
  } catch {
    // The real pass reports it.
  }
  return Math.max(rows, 0);
}
