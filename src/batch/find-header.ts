import { quote } from '../errors.js';
import { BatchStopped } from './batch-stopped.js';
import { hasAnyField, MAPPING_HINT, matchColumns, missingFields, NEEDED, type Columns } from './normalize-headers.js';
import type { ReadOptions } from './source-row.js';
import { suggestColumns } from './suggest-columns.js';

/** Rows looked at for the header: reports put a title, the clinic and the date range above it. */
const MAX_TITLE_ROWS = 30;

/**
 * Find the header of a CSV or a sheet: the first row that names every needed column (rows above it
 * are titles). When none does within the first rows, the batch stops naming what the likeliest row
 * lacks; `handout columns` (options.inspect) takes that row and carries on.
 */
export class HeaderSearch {
  private best?: { columns: Columns; score: number };
  private looked = 0;

  constructor(
    private readonly file: string,
    private readonly options: ReadOptions,
  ) {}

  /** Columns when these cells are the header; undefined to keep looking. Throws (BatchStopped) when the search is over. */
  offer(cells: readonly string[]): Columns | undefined {
    const headers = cells.map((h) => h.trim());
    const columns = this.match(headers);
    if (missingFields(columns).length === 0) return this.checked(columns);
    const score = Object.keys(columns.index).length;
    if (!this.best || score > this.best.score) this.best = { columns, score };
    if (++this.looked >= MAX_TITLE_ROWS) return this.finish();
    return undefined;
  }

  /** The end of the file (or of the search) without a full header: the likeliest row, or why there is none. */
  finish(): Columns {
    const columns = this.best?.columns ?? matchColumns([]);
    if (this.options.inspect) return columns;
    const found = columns.found.filter((h) => h !== '').map((h) => quote(h, 40)).join(', ') || 'none';
    const file = this.file;
    if (!this.best) throw new BatchStopped('E_INPUT', `${file} is empty: there is no header row`, { path: file, hint: `The first row must name the columns: ${NEEDED}.` });
    if (!hasAnyField(columns)) {
      throw new BatchStopped('E_INPUT', `${file} has no recognisable columns. Found: ${found}. Needed: ${NEEDED}.`, { path: file, hint: MAPPING_HINT });
    }
    throw new BatchStopped('E_INPUT', `${file} has no column for ${missingFields(columns).join(', ')}. Found: ${found}. Needed: ${NEEDED}.`, { path: file, hint: MAPPING_HINT });
  }

  private match(headers: string[]): Columns {
    const mapping = this.options.mapping ?? {};
    if (!this.options.inspect) return matchColumns(headers, mapping);
    const suggested = suggestColumns(headers, mapping);
    return { ...matchColumns(headers, { ...mapping, ...suggested }), suggested };
  }

  private checked(columns: Columns): Columns {
    const dup = columns.duplicates[0];
    if (dup && !this.options.inspect) {
      throw new BatchStopped('E_INPUT', `${this.file}: the columns ${dup.headers.map((h) => quote(h)).join(' and ')} both give the ${dup.field}`, {
        path: this.file,
        hint: 'Remove one of them, or map the one to use in the clinic config ("columns").',
      });
    }
    return columns;
  }
}
