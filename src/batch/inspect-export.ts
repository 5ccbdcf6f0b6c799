import type { ColumnField, DateOrder, ServiceChoice } from '../schema/clinic.js';
import type { Treatment } from '../schema/visit.js';
import { missingFields, type Columns } from './normalize-headers.js';
import { dateStyle } from './read-date.js';
import { openRows } from './read-rows.js';
import { foldText, serviceEntry, statusDecision, visitFilter, type ReadingSettings } from './service-status.js';
import { isExcelDate, type ReadOptions } from './source-row.js';

/** What `handout columns` shows (and the front-desk page will): how the batch would read a file, and what to paste to make it read it right. */
export interface ExportInspection {
  file: string;
  format: 'csv' | 'xlsx' | 'json';
  sheet?: string;
  /** The header's row (CSV and workbooks), as the spreadsheet numbers it. */
  headerLine?: number;
  rows: number;
  /** Every header (or JSON path) found, and the field it gives: from the clinic's `columns`, its own name, or a suggestion. */
  headers: { header: string; field?: ColumnField; by?: 'config' | 'name' | 'suggested' }[];
  /** Needed fields no column gives yet (even with the suggestions). */
  missing: string[];
  /** Each distinct service, what it becomes, and the clinic's `services` entry that says so (none: it matches no entry, or there is no map). */
  services: { service: string; rows: number; becomes: Treatment | 'skipped' | 'unmapped'; entry?: string }[];
  /** Each distinct status, what it becomes, and what says so (`statuses`, `skipStatuses`, a usual visit status; none: a status nobody named). */
  statuses: { status: string; rows: number; becomes: 'made' | 'skipped'; by?: 'statuses' | 'skipStatuses' | 'usual' }[];
  dates: { style: string; rows: number; example: string }[];
  /** The order numeric dates are read in, and whether the file's own dates show it (a first number above 12). */
  dateOrder: { configured: DateOrder; evidence?: 'MDY' | 'DMY' };
  /** A block for the clinic config: the suggested `columns` (with the config's own), and a `services` map when the config has none. */
  paste: { columns?: Record<string, ColumnField>; services?: Record<string, Treatment> };
}

const MAX_LISTED = 50;

/**
 * Read an export the way `handout batch` would (the clinic's mapping, plus headers booking systems
 * commonly use, marked as suggestions) and say what each part would become. Reads the whole file
 * once; makes nothing.
 */
export async function inspectExport(file: string, clinic: ReadingSettings, sheet?: string): Promise<ExportInspection> {
  const mapping = clinic.columns ?? {};
  const filter = visitFilter(clinic);
  const tally = await tallyExport(file, { mapping, inspect: true, ...(sheet !== undefined && { sheet }) }, clinic.dateOrder);
  const columns = tally.columns;
  const mapped = new Map<string, ColumnField>(Object.entries(columns?.index ?? {}).map(([f, i]) => [columns!.found[i]!, f as ColumnField]));
  const configured = new Set(Object.keys(mapping).map(foldText));
  const headers = (columns?.found ?? []).map((header) => {
    const field = mapped.get(header);
    if (!field) return { header };
    const by = columns?.suggested?.[header] ? 'suggested' : configured.has(foldText(header)) ? 'config' : 'name';
    return { header, field, by } as const;
  });
  const suggestedColumns = Object.fromEntries(headers.filter((h) => h.by === 'suggested').map((h) => [h.header, h.field!]));

  const entries = Object.entries(clinic.services ?? {});
  const services: ExportInspection['services'] = [...tally.services].map(([service, rows]) => {
    if (!filter.services) return { service, rows, becomes: 'unmapped' };
    const i = serviceEntry(filter, service);
    if (i === undefined) return { service, rows, becomes: 'skipped' };
    const [entry, choice] = entries[i]!;
    return { service, rows, becomes: choice === 'skip' ? 'skipped' : choice, entry };
  });
  const statuses = [...tally.statuses].map(([status, rows]) => ({ status, rows, ...statusDecision(filter, status) }));
  const hasService = columns?.index.service !== undefined;
  const paste: ExportInspection['paste'] = {};
  if (Object.keys(suggestedColumns).length) paste.columns = { ...mapping, ...suggestedColumns };
  if (hasService && !clinic.services) paste.services = suggestServices([...tally.services.keys()]);

  return {
    file,
    format: tally.format,
    ...(tally.sheet !== undefined && { sheet: tally.sheet }),
    ...(tally.headerLine !== undefined && { headerLine: tally.headerLine }),
    rows: tally.rows,
    headers,
    missing: columns ? missingFields(columns) : ['name', 'treatment (or service)', 'date'],
    services: services.slice(0, MAX_LISTED),
    statuses: statuses.slice(0, MAX_LISTED),
    dates: [...tally.dates].map(([style, { rows, example }]) => ({ style, rows, example })),
    dateOrder: { configured: clinic.dateOrder, ...(tally.orderEvidence && { evidence: tally.orderEvidence }) },
    paste,
  };
}

interface Tally {
  format: ExportInspection['format'];
  sheet?: string;
  headerLine?: number;
  columns?: Columns;
  rows: number;
  services: Map<string, number>;
  statuses: Map<string, number>;
  dates: Map<string, { rows: number; example: string }>;
  orderEvidence?: 'MDY' | 'DMY';
}

/** One pass over the rows: the distinct services, statuses and date styles, with how many rows have each. */
export async function tallyExport(file: string, options: ReadOptions, order: DateOrder): Promise<Tally> {
  const source = openRows(file, options);
  const tally: Tally = { format: source.format, rows: 0, services: new Map(), statuses: new Map(), dates: new Map() };
  const count = (map: Map<string, number>, v: unknown) => {
    if (typeof v !== 'string' || v.trim() === '') return;
    const key = v.trim();
    if (map.size < 1000 || map.has(key)) map.set(key, (map.get(key) ?? 0) + 1);
  };
  for await (const row of source.rows) {
    tally.rows++;
    if (!tally.columns || (source.format === 'json' && Object.keys(row.columns.index).length > Object.keys(tally.columns.index).length)) tally.columns = row.columns;
    if (tally.headerLine === undefined && source.format !== 'json') tally.headerLine = previousLine(row.line);
    count(tally.services, row.values.service);
    count(tally.statuses, row.values.status);
    const date = row.values.date;
    if (date !== undefined && date !== '') {
      const time = row.values.time;
      const withTime = time !== undefined && time !== '' ? ' + a time column' : '';
      const style = (dateStyle(date, order) ?? 'not a date we read') + withTime;
      const entry = tally.dates.get(style) ?? { rows: 0, example: typeof date === 'string' ? date.slice(0, 40) : isExcelDate(date) ? [date.date, date.time].filter(Boolean).join(' ') : String(date).slice(0, 40) };
      entry.rows++;
      tally.dates.set(style, entry);
      const m = typeof date === 'string' ? /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}/.exec(date) : null;
      if (m && !tally.orderEvidence) {
        if (Number(m[1]) > 12 && Number(m[2]) <= 12) tally.orderEvidence = 'DMY';
        else if (Number(m[2]) > 12 && Number(m[1]) <= 12) tally.orderEvidence = 'MDY';
      }
    }
  }
  if (source.sheet !== undefined) tally.sheet = source.sheet;
  return tally;
}

// The first data row's line minus one is the header's only when nothing is between them; good enough for a hint.
const previousLine = (line: number) => Math.max(1, line - 1);

const AGGRESSIVE_CUES = ['Deep', 'PRP', 'Aggressive', 'Intensive'];
const STANDARD_CUES = ['Microneedling', 'Micro-needling', 'SkinPen', 'Collagen Induction'];

/**
 * A starting `services` map from the services a file names: the words that mark a deeper treatment
 * first (the first matching entry wins), then microneedling itself. The clinic must check it: which
 * services are aggressive is a clinical decision.
 */
export function suggestServices(services: readonly string[]): Record<string, Treatment> {
  const folded = services.map(foldText);
  const present = (cue: string) => folded.some((s) => s.includes(foldText(cue)));
  const out: Record<string, Treatment> = {};
  for (const cue of AGGRESSIVE_CUES) if (present(cue)) out[cue] = 'aggressive';
  for (const cue of STANDARD_CUES) if (present(cue) && !Object.keys(out).some((k) => foldText(k) === foldText(cue))) out[cue] = 'standard';
  if (Object.keys(out).length === 0 && services[0]) out[services[0]] = 'standard';
  return out;
}

/**
 * What one service probably is, for the page to preselect: aggressive when its name has a word that
 * marks a deeper treatment, standard when it names microneedling, else not an aftercare visit. The
 * clinic must check it.
 */
export function suggestService(service: string): ServiceChoice {
  const s = foldText(service);
  if (AGGRESSIVE_CUES.some((cue) => s.includes(foldText(cue)))) return 'aggressive';
  if (STANDARD_CUES.some((cue) => s.includes(foldText(cue)))) return 'standard';
  return 'skip';
}
