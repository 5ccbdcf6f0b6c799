import { quote } from '../errors.js';
import type { ColumnField, DateOrder, ServiceChoice, StatusChoice } from '../schema/clinic.js';
import type { MappingChoice } from '../schema/mapping-choice.js';
import { suggestService, type ExportInspection } from './inspect-export.js';
import type { WrittenMapping } from './merge-mapping.js';
import { matchColumns, missingFields } from './normalize-headers.js';
import type { ReadingSettings } from './service-status.js';

/** Something the clinic's settings do not say about an export, which would stop the batch or pass rows over unasked. */
export interface MappingGap {
  field: 'columns' | 'services' | 'statuses' | 'dateOrder';
  message: string;
}

/** missingFields' words, as the front desk says them. */
const IN_WORDS: Record<string, string> = {
  'name (or first_name and last_name)': "the patient's name",
  first_name: 'the first name',
  last_name: 'the last name',
  'treatment (or service)': 'the treatment (or the service)',
  date: 'the date',
};

const listed = (values: string[]) => values.slice(0, 5).map((v) => quote(v, 50)).join(', ') + (values.length > 5 ? `, and ${values.length - 5} more` : '');
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What `reading` (the clinic's settings) leaves unsaid about an inspected export: a needed field no
 * column gives without a guess, services with no `services` entry (or no map at all), statuses that
 * are neither usual nor named, dates whose order the settings read the other way. None: the
 * batch reads the file as the clinic means it, and the front-desk page goes straight to the sheets.
 */
export function mappingGaps(f: ExportInspection, reading: ReadingSettings): MappingGap[] {
  const gaps: MappingGap[] = [];
  const headers = f.headers.map((h) => h.header);
  for (const m of missingFields(matchColumns(headers, reading.columns ?? {}))) {
    gaps.push({ field: 'columns', message: `The clinic settings do not say which column has ${IN_WORDS[m] ?? m}.` });
  }
  if (f.services.length && !reading.services) {
    gaps.push({ field: 'services', message: `The clinic settings do not say which services are microneedling (${plural(f.services.length, 'service', 'services')} in the file).` });
  } else {
    const unnamed = f.services.filter((s) => s.entry === undefined).map((s) => s.service);
    if (unnamed.length) gaps.push({ field: 'services', message: `${plural(unnamed.length, 'service is', 'services are')} not in the clinic settings: ${listed(unnamed)}.` });
  }
  const unknown = f.statuses.filter((s) => !s.by).map((s) => s.status);
  if (unknown.length) gaps.push({ field: 'statuses', message: `${plural(unknown.length, 'status is', 'statuses are')} not in the clinic settings: ${listed(unknown)}.` });
  const { configured, evidence } = f.dateOrder;
  if (evidence && evidence !== configured) {
    gaps.push({ field: 'dateOrder', message: `The file's dates are ${evidence === 'DMY' ? 'day' : 'month'} first; the clinic settings read them ${configured === 'DMY' ? 'day' : 'month'} first.` });
  }
  return gaps;
}

/** Every part of a choice, as the page shows it. */
export type FullChoice = { columns: Record<string, ColumnField | null>; services: Record<string, ServiceChoice>; statuses: Record<string, StatusChoice>; dateOrder: DateOrder };

/**
 * What the page preselects for an inspected export: what was already chosen (`given`), else what
 * the settings say, else a guess (headers booking systems use, services by their words, the date
 * order the file's own dates show).
 */
export function startingChoice(f: ExportInspection, given: MappingChoice = {}): FullChoice {
  const has = <K extends string>(o: Partial<Record<K, unknown>> | undefined, k: K) => o !== undefined && Object.hasOwn(o, k);
  return {
    columns: Object.fromEntries(f.headers.map((h) => [h.header, has(given.columns, h.header) ? given.columns![h.header]! : (h.field ?? null)])),
    services: Object.fromEntries(
      f.services.map((s) => [s.service, has(given.services, s.service) ? given.services![s.service]! : s.entry !== undefined ? (s.becomes === 'skipped' ? 'skip' : (s.becomes as ServiceChoice)) : suggestService(s.service)]),
    ),
    statuses: Object.fromEntries(f.statuses.map((s) => [s.status, has(given.statuses, s.status) ? given.statuses![s.status]! : s.becomes === 'skipped' ? 'skip' : 'made'])),
    dateOrder: given.dateOrder ?? f.dateOrder.evidence ?? f.dateOrder.configured,
  };
}

/**
 * The written keys as a block to paste into the clinic config, in its own format: JSON lines for
 * inside its top-level object (as `handout columns` prints them), or YAML.
 */
export function pasteBlock(written: WrittenMapping, format: 'json' | 'yaml'): string {
  if (!Object.keys(written).length) return '';
  if (format === 'yaml') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require('yaml') as typeof import('yaml');
    return yaml.stringify(written, { lineWidth: 0 }).trimEnd();
  }
  return JSON.stringify(written, null, 2).slice(2, -2);
}
