import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { HandoutError } from '../errors.js';
import type { ColumnField } from '../schema/clinic.js';
import { unreadable } from './batch-stopped.js';
import { HeaderSearch } from './find-header.js';
import type { Columns } from './normalize-headers.js';
import { MAX_RECORD_CHARS, type ReadOptions, type SourceRow } from './source-row.js';


/** The separator of the header: comma, semicolon (European spreadsheets) or tab; title rows above it may have none. */
export function sniffDelimiter(text: string): string {
  const best = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let counts = new Map(best);
  let quoted = false;
  let lines = 0;
  const endLine = () => {
    for (const [ch, n] of counts) best.set(ch, Math.max(best.get(ch)!, n));
    counts = new Map([[',', 0], [';', 0], ['\t', 0]]);
  };
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      endLine();
      if (++lines >= 30) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  endLine();
  let pick = ',';
  for (const [ch, n] of best) if (n > best.get(pick)!) pick = ch;
  return pick;
}

type RawRecord = { line: number; record: string[] } | { line: number; bad: HandoutError };

/**
 * Every record of a CSV with its line as a spreadsheet shows it. A spot csv-parse cannot read (a
 * quote never closed, a record over the size limit) costs only its own line: it is reported, and
 * reading starts again on the next physical line, so the rows after it are not lost.
 */
async function* csvRecords(file: string, delimiter: string): AsyncGenerator<RawRecord> {
  let base = 0; // byte offset this parser starts at
  let line = 0;
  for (;;) {
    let failure: CsvError | undefined;
    let failedAfter = 0; // records the parser had emitted when it met the bad spot
    const parser = parse({
      bom: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      // Blank lines are kept (and skipped by the caller) so line numbers match what a spreadsheet shows.
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
      info: true,
      skip_records_with_error: true,
      on_skip: (e) => {
        if (failure || !(e instanceof CsvError)) return;
        failure = e;
        failedAfter = parser.info.records;
      },
    });
    const stream = createReadStream(file, { start: base });
    stream.on('error', (e) => parser.destroy(unreadable(file, e)));
    stream.pipe(parser);
    let goodEnd = base;
    try {
      // Pulling records one at a time pauses the file while rows wait for a renderer: memory stays flat.
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { bytes: number; records: number } }>) {
        if (failure && info.records > failedAfter) break; // read past the bad spot: start again after it
        line++;
        goodEnd = base + info.bytes;
        yield { line, record };
        if (failure && info.records >= failedAfter) break;
      }
    } finally {
      stream.destroy();
      parser.destroy();
    }
    if (!failure) return;
    line++;
    yield { line, bad: describe(failure) };
    const next = nextLineStart(file, goodEnd);
    if (next === undefined) return;
    base = next;
  }
}

function describe(e: CsvError): HandoutError {
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return new HandoutError('E_INPUT', `is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters: it cannot be a visit`, {
      hint: 'Check this row in the booking system (a note pasted many times?) and export again; the rows after it were read.',
    });
  }
  const what = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a value starts with a double quote that is never closed' : e.message.replace(/^Invalid /, 'invalid ').replace(/ at line \d+.*$/, '');
  return new HandoutError('E_INPUT', `cannot be read as CSV: ${what}`, {
    hint: 'A value that contains the separator, a quote or a line break must be in double quotes, with quotes inside it doubled (""); the rows after this one were read.',
  });
}

/** The byte offset where the line after the one starting at `from` begins (undefined at the end of the file). */
function nextLineStart(file: string, from: number): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(64 * 1024);
    for (let pos = from; ; ) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n === 0) return undefined;
      const i = buf.subarray(0, n).indexOf(0x0a);
      if (i >= 0) return pos + i + 1;
      pos += n;
    }
  } catch (e) {
    throw unreadable(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const isBlank = (record: readonly string[]) => record.every((cell) => cell.trim() === '');

export async function* csvRows(file: string, delimiter: string, options: ReadOptions): AsyncGenerator<SourceRow> {
  const search = new HeaderSearch(file, options);
  let columns: Columns | undefined;
  for await (const raw of csvRecords(file, delimiter)) {
    if (!columns) {
      // A bad spot above the header is a title row we could not read: keep looking.
      if ('bad' in raw || isBlank(raw.record)) continue;
      columns = search.offer(raw.record);
      continue;
    }
    if ('bad' in raw) yield { line: raw.line, values: {}, columns, problems: [raw.bad] };
    else if (!isBlank(raw.record)) yield csvRow(raw.line, raw.record, columns, delimiter);
  }
  if (!columns) search.finish();
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

/** Rows after the header, for a progress bar (a second, cheap pass). */
export async function countCsvRows(file: string, delimiter: string): Promise<number> {
  let rows = -1; // the header
  try {
    for await (const raw of csvRecords(file, delimiter)) if ('bad' in raw || !isBlank(raw.record)) rows++;
  } catch {
    // The real pass reports it.
  }
  return Math.max(rows, 0);
}
