import { HandoutError, HandoutErrors, quote } from '../errors.js';
import type { ColumnField, DateOrder, ServiceChoice, StatusChoice } from '../schema/clinic.js';
import type { MappingChoice } from '../schema/mapping-choice.js';
import { builtInField, matchColumns, normalizeHeader, type Columns } from './normalize-headers.js';
import { foldText, statusDecision, visitFilter, type ReadingSettings } from './service-status.js';

/**
 * The smallest change to the clinic config's reading settings that makes it read an export as the
 * front desk chose: entries to set and remove (so a YAML file keeps the comments of every other
 * entry), new `services` entries to put first (the first entry a service contains wins).
 */
export interface MappingEdits {
  columns: { set: [string, ColumnField][]; remove: string[] };
  services: { prepend: [string, ServiceChoice][]; remove: string[] };
  statuses: { set: [string, StatusChoice][]; remove: string[] };
  dateOrder?: DateOrder;
}

/** The keys a mapping writes into the config, with their whole new values. */
export type WrittenMapping = Partial<Pick<ReadingSettings, 'columns' | 'services' | 'statuses' | 'dateOrder'>>;

/**
 * The edits that make `reading` read an export as `choice` says, checked: every header of the
 * choice must then give exactly the field chosen for it (a field from one column; a column read by
 * its own name cannot be left unused unless another gives its field), every service and status
 * must become what was chosen. Throws HandoutErrors naming each problem by its JSON key
 * (`columns.<header>`, `services.<service>`, `statuses.<status>`).
 */
export function mappingEdits(reading: ReadingSettings, choice: MappingChoice): MappingEdits {
  const errors: HandoutError[] = [];
  const edits: MappingEdits = {
    columns: columnEdits(reading.columns ?? {}, choice.columns ?? {}, errors),
    services: serviceEdits(Object.entries(reading.services ?? {}), choice.services ?? {}, errors),
    statuses: statusEdits(reading, choice.statuses ?? {}, errors),
    ...(choice.dateOrder && choice.dateOrder !== reading.dateOrder && { dateOrder: choice.dateOrder }),
  };
  if (errors.length) throw new HandoutErrors(errors);
  return edits;
}

export const hasEdits = (e: MappingEdits): boolean =>
  e.columns.set.length + e.columns.remove.length + e.services.prepend.length + e.services.remove.length + e.statuses.set.length + e.statuses.remove.length > 0 || e.dateOrder !== undefined;

/** The reading settings with the edits made (what the batch reads with). */
export function applyEdits<T extends ReadingSettings>(reading: T, edits: MappingEdits): T {
  const out = { ...reading };
  const columns = edited(reading.columns, edits.columns.set, edits.columns.remove);
  const statuses = edited(reading.statuses, edits.statuses.set, edits.statuses.remove);
  const keptServices = Object.entries(reading.services ?? {}).filter(([k]) => !edits.services.remove.includes(k));
  const services = reading.services || edits.services.prepend.length ? Object.fromEntries([...edits.services.prepend, ...keptServices]) : undefined;
  if (columns) out.columns = columns;
  if (statuses) out.statuses = statuses;
  if (services) out.services = services;
  if (edits.dateOrder) out.dateOrder = edits.dateOrder;
  return out;
}

/** The keys the edits change, each with its whole new value: what is written, and what to paste. */
export function writtenMapping(reading: ReadingSettings, edits: MappingEdits): WrittenMapping {
  const after = applyEdits(reading, edits);
  return {
    ...(edits.columns.set.length + edits.columns.remove.length > 0 && { columns: after.columns ?? {} }),
    ...(edits.services.prepend.length + edits.services.remove.length > 0 && { services: after.services ?? {} }),
    ...(edits.statuses.set.length + edits.statuses.remove.length > 0 && { statuses: after.statuses ?? {} }),
    ...(edits.dateOrder && { dateOrder: edits.dateOrder }),
  };
}

/** A record with keys removed, then set (in place when the key is there, else at the end); undefined when it was absent and nothing is set. */
function edited<V>(current: Readonly<Record<string, V>> | undefined, set: [string, V][], remove: string[]): Record<string, V> | undefined {
  if (!current && !set.length) return undefined;
  const map = new Map(Object.entries(current ?? {}).filter(([k]) => !remove.includes(k)));
  for (const [k, v] of set) map.set(k, v);
  return Object.fromEntries(map);
}

function fieldsByHeader(columns: Columns): Map<string, ColumnField> {
  return new Map(Object.entries(columns.index).map(([f, i]) => [columns.found[i]!, f as ColumnField]));
}

function columnEdits(current: Readonly<Record<string, ColumnField>>, chosen: Readonly<Record<string, ColumnField | null>>, errors: HandoutError[]): MappingEdits['columns'] {
  const headers = Object.keys(chosen);
  if (!headers.length) return { set: [], remove: [] };
  const at = (h: string) => `columns.${h}`;
  const byField = new Map<ColumnField, string>();
  const refused = new Set<string>();
  for (const [h, f] of Object.entries(chosen)) {
    if (!f) continue;
    const other = byField.get(f);
    if (other === undefined) byField.set(f, h);
    else {
      refused.add(h);
      errors.push(new HandoutError('E_INPUT', `${at(h)}: ${f} is also chosen for ${quote(other)}: each field comes from one column`, { path: at(h), hint: 'Choose "not used" for one of the two.' }));
    }
  }
  const whole = byField.get('name');
  const part = byField.get('first_name') ?? byField.get('last_name');
  if (whole !== undefined && part !== undefined) {
    refused.add(whole);
    errors.push(
      new HandoutError('E_INPUT', `${at(whole)}: name (the whole name) is chosen, and so is ${quote(part)} for a part of it`, {
        path: at(whole),
        hint: 'Choose either one column with the whole name, or the first-name and last-name columns.',
      }),
    );
  }

  const final = new Map(Object.entries(current));
  for (const h of headers) {
    const want = chosen[h];
    const same = [...final.keys()].filter((k) => normalizeHeader(k) === normalizeHeader(h));
    if (want && builtInField(h) !== want) {
      if (same.length === 1 && final.get(same[0]!) === want) continue;
      for (const k of same) final.delete(k);
      final.set(h, want);
    } else {
      for (const k of same) final.delete(k);
    }
  }
  // A field the config maps from some header is no longer matched by its own name ("Email" once
  // "Client Email" is mapped to email): a column chosen for it by its name then needs its own entry.
  let got = fieldsByHeader(matchColumns(headers, Object.fromEntries(final)));
  for (const h of headers) {
    const want = chosen[h];
    if (want && got.get(h) !== want && !final.has(h)) final.set(h, want);
  }
  got = fieldsByHeader(matchColumns(headers, Object.fromEntries(final)));
  for (const h of headers) {
    const want = chosen[h] ?? undefined;
    const has = got.get(h);
    if (has === want || refused.has(h)) continue;
    errors.push(
      want === undefined
        ? new HandoutError('E_INPUT', `${at(h)}: the column is read as ${has} by its own name, so it cannot be left unused`, { path: at(h), hint: `Choose ${has} for it, or choose another column for ${has}.` })
        : new HandoutError('E_INPUT', `${at(h)}: would be read as ${has ?? 'nothing'}, not ${want}`, { path: at(h), hint: 'Check the other columns chosen for the same field.' }),
    );
  }
  const set = [...final].filter(([k, v]) => current[k] !== v);
  const remove = Object.keys(current).filter((k) => !final.has(k));
  return { set, remove };
}

/** The value the first entry a service contains gives (as the batch reads `services`). */
const decide = (entries: readonly [string, ServiceChoice][], service: string): ServiceChoice | undefined => {
  const s = foldText(service);
  return entries.find(([k]) => s.includes(foldText(k)))?.[1];
};

function serviceEdits(current: [string, ServiceChoice][], chosen: Readonly<Record<string, ServiceChoice>>, errors: HandoutError[]): MappingEdits['services'] {
  const at = (s: string) => `services.${s}`;
  const wanted: [string, ServiceChoice][] = [];
  const seen = new Map<string, [string, ServiceChoice]>();
  for (const [s, t] of Object.entries(chosen)) {
    const key = foldText(s);
    const before = seen.get(key);
    if (key === '') {
      errors.push(new HandoutError('E_INPUT', `${at(s)}: has no letters or digits, so no "services" entry can name it`, { path: at(s), hint: 'Leave it out.' }));
    } else if (before && before[1] !== t) {
      errors.push(
        new HandoutError('E_INPUT', `${at(s)}: is the same service as ${quote(before[0])} (case, spaces and hyphens are ignored), which is chosen as ${before[1]}`, {
          path: at(s),
          hint: 'Choose the same for both.',
        }),
      );
    } else if (!before) {
      seen.set(key, [s, t]);
      wanted.push([s, t]);
    }
  }
  // Entries for the services the config does not already give as chosen, longest first: a service's
  // own entry then comes before any shorter one its name contains. A new entry may catch a service
  // the config gave rightly (a prefix of its name): that one then gets its own entry too.
  const needed = new Map<string, [string, ServiceChoice]>();
  for (const [s, t] of wanted) if (decide(current, s) !== t) needed.set(foldText(s), [s, t]);
  for (let round = 0; round <= wanted.length; round++) {
    const prepend = [...needed.values()].sort((a, b) => foldText(b[0]).length - foldText(a[0]).length);
    const kept = current.filter(([k]) => !needed.has(foldText(k)));
    const next = [...prepend, ...kept];
    const wrong = wanted.filter(([s, t]) => decide(next, s) !== t);
    if (!wrong.length) return { prepend, remove: current.filter(([k]) => needed.has(foldText(k))).map(([k]) => k) };
    for (const [s, t] of wrong) needed.set(foldText(s), [s, t]);
  }
  // Not reached: once every chosen service has its own entry, longest first, each matches its own.
  errors.push(new HandoutError('E_INPUT', 'services: no order of entries gives every service as chosen', { path: 'services', hint: 'Save fewer services at a time.' }));
  return { prepend: [], remove: [] };
}

function statusEdits(reading: ReadingSettings, chosen: Readonly<Record<string, StatusChoice>>, errors: HandoutError[]): MappingEdits['statuses'] {
  const filter = visitFilter(reading);
  const current = Object.keys(reading.statuses ?? {});
  const set: [string, StatusChoice][] = [];
  const remove: string[] = [];
  const seen = new Map<string, [string, StatusChoice]>();
  for (const [status, d] of Object.entries(chosen)) {
    const key = foldText(status);
    const at = `statuses.${status}`;
    const before = seen.get(key);
    if (key === '') {
      errors.push(new HandoutError('E_INPUT', `${at}: has no letters or digits, so no "statuses" entry can name it`, { path: at, hint: 'Leave it out.' }));
      continue;
    }
    if (before) {
      if (before[1] !== d) errors.push(new HandoutError('E_INPUT', `${at}: is the same status as ${quote(before[0])} (case, spaces and hyphens are ignored), which is chosen as ${before[1]}`, { path: at, hint: 'Choose the same for both.' }));
      continue;
    }
    seen.set(key, [status, d]);
    const now = statusDecision(filter, status);
    if (now.by && (now.becomes === 'skipped' ? 'skip' : 'made') === d) continue;
    for (const k of current) if (foldText(k) === key && k !== status) remove.push(k);
    set.push([status, d]);
  }
  return { set, remove };
}
