import { readFileSync } from 'node:fs';
import { HandoutError, quote } from '../errors.js';
import type { ColumnField } from '../schema/clinic.js';
import { BatchStopped, unreadable } from './batch-stopped.js';
import { hasAnyField, MAPPING_HINT, matchColumns, NEEDED, type Columns } from './normalize-headers.js';
import type { Mapping, SourceRow } from './source-row.js';

/** A JSON appointments file: a list of visit objects (read whole: such files are small). */
export function readJsonArray(file: string): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw unreadable(file, e);
    throw new BatchStopped('E_INPUT', `${file} is not valid JSON: ${e.message}`, { path: file, hint: 'Fix the syntax at the position given, or export the appointments as CSV.' });
  }
  if (!Array.isArray(data)) {
    throw new BatchStopped('E_INPUT', `${file} must hold a list of visits: [{"name": …, "treatment": …, "date": …}, …]`, { path: file, hint: `Each visit is an object with the fields ${NEEDED}.` });
  }
  return data;
}

export async function* jsonRows(file: string, visits: unknown[], mapping: Mapping): AsyncGenerator<SourceRow> {
  const byKeys = new Map<string, Columns>();
  for (const [i, item] of visits.entries()) {
    const line = i + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      const problem = new HandoutError('E_INPUT', `is ${quote(item, 30)}, not an object with the visit's fields`, { hint: `Give each visit as {"name": …, "treatment": …, "date": …}.` });
      yield { line, values: {}, columns: matchColumns([]), problems: [problem] };
      continue;
    }
    const keys = Object.keys(item);
    const signature = keys.join('\u0000');
    let columns = byKeys.get(signature);
    if (!columns) {
      columns = matchColumns(keys, mapping);
      if (byKeys.size < 100) byKeys.set(signature, columns);
    }
    if (i === 0 && !hasAnyField(columns)) {
      const found = keys.map((k) => quote(k, 40)).join(', ') || 'none';
      throw new BatchStopped('E_INPUT', `${file}: the first visit has no recognisable fields. Found: ${found}. Needed: ${NEEDED}.`, { path: file, hint: MAPPING_HINT });
    }
    const values: SourceRow['values'] = {};
    const record = Object.values(item) as unknown[];
    for (const [field, index] of Object.entries(columns.index) as [ColumnField, number][]) {
      const v = record[index];
      values[field] = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === null ? undefined : v;
    }
    const problems = columns.duplicates.map(
      (d) => new HandoutError('E_INPUT', `the fields ${d.headers.map((h) => quote(h)).join(' and ')} both give the ${d.field}`, { path: d.headers[1], hint: 'Keep one of them.' }),
    );
    yield { line, values, columns, problems };
  }
}
