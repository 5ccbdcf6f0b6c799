import { closeSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { BatchStopped, unreadable } from './batch-stopped.js';
import { NEEDED } from './normalize-headers.js';
import { countCsvRows, csvRows, sniffDelimiter } from './read-csv.js';
import { jsonRows, readJsonVisits } from './read-json.js';
import { xlsxRows } from './read-xlsx.js';
import type { ReadOptions, RowSource } from './source-row.js';

export type { Mapping, RowSource, SourceRow } from './source-row.js';

/**
 * Open an appointments file: a CSV with a header row, an Excel workbook (.xlsx), or JSON (a list of
 * visits, or a booking API's answer holding one). Everything that makes the file unusable as a
 * whole is a BatchStopped, thrown here or while reading; problems of one row stay with that row.
 */
export function openRows(file: string, options: ReadOptions = {}): RowSource {
  const head = readHead(file);
  if (isZip(head)) {
    if (extname(file).toLowerCase() === '.xls' || extname(file).toLowerCase() === '.ods') refuse(file, 'a zip file');
    const source: RowSource = { format: 'xlsx', rows: xlsxRows(file, options, (name) => (source.sheet = name)) };
    return source;
  }
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*$/.test(text)) {
    throw new BatchStopped('E_INPUT', `${file} is empty: there is no header row`, { path: file, hint: `The first row must name the columns: ${NEEDED}.` });
  }
  refuseBinary(file, head);
  if (extname(file).toLowerCase() === '.json' || /^\s*[[{]/.test(text)) {
    const { list } = readJsonVisits(file, options);
    return { format: 'json', rows: jsonRows(file, list, options), count: async () => list.length };
  }
  const delimiter = sniffDelimiter(text);
  return { format: 'csv', rows: csvRows(file, delimiter, options), count: () => countCsvRows(file, delimiter) };
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

const isZip = (head: Buffer) => head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';

function refuseBinary(file: string, head: Buffer): void {
  const what =
    head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
      ? 'an old-style Excel workbook (.xls)'
      : head.subarray(0, 5).toString('latin1') === '%PDF-'
        ? 'a PDF'
        : head.includes(0)
          ? 'not a text file (or a UTF-16 "Unicode text" export)'
          : null;
  if (what) refuse(file, what);
}

function refuse(file: string, what: string): never {
  throw new BatchStopped('E_INPUT', `${file} is ${what}, not a CSV, Excel (.xlsx) or JSON file`, {
    path: file,
    hint: 'Export the appointments as "CSV UTF-8" (comma or semicolon separated) or as an Excel workbook (.xlsx), with a header row.',
  });
}
