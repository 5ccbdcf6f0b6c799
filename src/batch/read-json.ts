import { readFileSync } from 'node:fs';
import { HandoutError, quote } from '../errors.js';
import type { ColumnField } from '../schema/clinic.js';
import { BatchStopped, unreadable } from './batch-stopped.js';
import { hasAnyField, MAPPING_HINT, matchColumns, NEEDED, type Columns } from './normalize-headers.js';
import type { Mapping, ReadOptions, SourceRow } from './source-row.js';
import { suggestColumns } from './suggest-columns.js';

/** A booking API's nesting, bounded: deeper parts and more fields than this are not looked at. */
const MAX_DEPTH = 8;
const MAX_FIELDS = 1000;

/**
 * A JSON appointments file (read whole: such files are small): a list of visit objects, or an object
 * holding that list somewhere ({"appointments": [...]}, {"data": {"appointments": {"edges": [...]}}}),
 * found without being told when it is the only list of objects, or the only one whose objects have
 * fields we know.
 */
export function readJsonVisits(file: string, options: ReadOptions): { list: unknown[]; path: string } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw unreadable(file, e);
    throw new BatchStopped('E_INPUT', `${file} is not valid JSON: ${e.message}`, { path: file, hint: 'Fix the syntax at the position given, or export the appointments as CSV.' });
  }
  if (Array.isArray(data)) return { list: data, path: '' };
  const lists = objectLists(data);
  if (lists.length === 0) {
    throw new BatchStopped('E_INPUT', `${file} holds no list of visits: [{"name": …, "treatment": …, "date": …}, …]`, { path: file, hint: `Each visit is an object with the fields ${NEEDED}.` });
  }
  if (lists.length === 1) return lists[0]!;
  const known = lists.filter((l) => l.list.slice(0, 20).some((item) => hasAnyField(columnsOf(flatten(item), options))));
  if (known.length === 1) return known[0]!;
  throw new BatchStopped('E_INPUT', `${file} holds several lists (${lists.map((l) => quote(l.path, 40)).join(', ')}) and it is not clear which one is the appointments`, {
    path: file,
    hint: 'Map the fields of the appointments list in the clinic config ("columns"), or export only that list.',
  });
}

/** Lists of objects reachable through objects (not inside other lists), breadth first. */
function objectLists(root: unknown): { list: unknown[]; path: string }[] {
  const found: { list: unknown[]; path: string }[] = [];
  let level: [unknown, string][] = [[root, '']];
  for (let depth = 0; depth < MAX_DEPTH && level.length; depth++) {
    const next: [unknown, string][] = [];
    for (const [value, path] of level) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      for (const [key, v] of Object.entries(value)) {
        const p = path ? `${path}.${key}` : key;
        if (Array.isArray(v)) {
          if (v.some((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) found.push({ list: v, path: p });
        } else next.push([v, p]);
      }
    }
    level = next;
  }
  return found;
}

/** An object's leaves by dotted path: {"client": {"first_name": "Ana"}} -> {"client.first_name": "Ana"}; list items by index (services.0.name). */
export function flatten(item: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (v: unknown, path: string, depth: number) => {
    if (out.size >= MAX_FIELDS) return;
    if (v !== null && typeof v === 'object' && depth < MAX_DEPTH) {
      const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
      if (entries.length === 0 && path) out.set(path, v);
      for (const [k, x] of entries) walk(x, path ? `${path}.${k}` : k, depth + 1);
    } else if (path) out.set(path, v);
  };
  walk(item, '', 0);
  return out;
}

function columnsOf(fields: Map<string, unknown>, options: ReadOptions): Columns {
  const keys = [...fields.keys()];
  const mapping: Mapping = options.mapping ?? {};
  if (!options.inspect) return matchColumns(keys, mapping);
  const suggested = suggestColumns(keys, mapping);
  return { ...matchColumns(keys, { ...mapping, ...suggested }), suggested };
}

export async function* jsonRows(file: string, visits: unknown[], options: ReadOptions): AsyncGenerator<SourceRow> {
  const byKeys = new Map<string, Columns>();
  let anyKnown = false;
  const rows: SourceRow[] = [];
  for (const [i, item] of visits.entries()) {
    const line = i + 1;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      const problem = new HandoutError('E_INPUT', `is ${quote(item, 30)}, not an object with the visit's fields`, { hint: `Give each visit as {"name": …, "treatment": …, "date": …}.` });
      rows.push({ line, values: {}, columns: matchColumns([]), problems: [problem] });
      continue;
    }
    const fields = flatten(item);
    const signature = [...fields.keys()].join('\u0000');
    let columns = byKeys.get(signature);
    if (!columns) {
      columns = columnsOf(fields, options);
      if (byKeys.size < 100) byKeys.set(signature, columns);
    }
    if (!hasAnyField(columns)) {
      // One odd object (a summary, a header record) costs only itself.
      const found = columns.found.slice(0, 8).map((k) => quote(k, 40)).join(', ') || 'none';
      rows.push({ line, values: {}, columns, problems: [new HandoutError('E_INPUT', `has none of the fields of a visit. Found: ${found}. Needed: ${NEEDED}.`, { hint: MAPPING_HINT })] });
      continue;
    }
    anyKnown = true;
    const values: SourceRow['values'] = {};
    const record = [...fields.values()];
    for (const [field, index] of Object.entries(columns.index) as [ColumnField, number][]) {
      const v = record[index];
      values[field] = typeof v === 'number' || typeof v === 'boolean' ? String(v) : v === null ? undefined : v;
    }
    const problems = columns.duplicates.map(
      (d) => new HandoutError('E_INPUT', `the fields ${d.headers.map((h) => quote(h)).join(' and ')} both give the ${d.field}`, { path: d.headers[1], hint: 'Keep one of them.' }),
    );
    rows.push({ line, values, columns, problems });
  }
  if (!anyKnown && visits.length > 0 && !options.inspect) {
    const first = rows.find((r) => r.columns.found.length)?.columns.found ?? [];
    const found = first.slice(0, 12).map((k) => quote(k, 40)).join(', ') || 'none';
    throw new BatchStopped('E_INPUT', `${file}: no visit has a field we know. Found: ${found}. Needed: ${NEEDED}.`, { path: file, hint: MAPPING_HINT });
  }
  yield* rows;
}
