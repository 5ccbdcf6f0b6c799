import { DEFAULT_SKIP_STATUSES, type Clinic, type ServiceChoice, type StatusChoice } from '../schema/clinic.js';
import type { Treatment } from '../schema/visit.js';
import { INVISIBLE } from './normalize-headers.js';

/**
 * Which rows are aftercare visits: the clinic's `services` map (text a service name contains ->
 * treatment or "skip", first match wins), its `statuses` (a whole status -> made or skip) and the
 * statuses passed over (cancelled, no-show...). Text is compared with case, spaces, hyphens,
 * underscores, dots and invisible characters ignored, so "No-Show", "no show" and "NOSHOW" are one status.
 */
export const foldText = (s: string): string => s.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/[\s_\-.]+/g, '');

export interface VisitFilter {
  /** null when the config has no `services` map. Keys folded, in the config's order. */
  services: [string, ServiceChoice][] | null;
  /** The config's `statuses`, by folded status. */
  statuses: Map<string, StatusChoice>;
  skipStatuses: string[];
}

/** The clinic settings that say how an export is read (the rest of the config says what a sheet says). */
export type ReadingSettings = Pick<Clinic, 'columns' | 'services' | 'statuses' | 'skipStatuses' | 'dateOrder'>;

export function visitFilter(clinic: Pick<Clinic, 'services' | 'statuses' | 'skipStatuses'>): VisitFilter {
  return {
    services: clinic.services ? Object.entries(clinic.services).map(([k, t]) => [foldText(k), t]) : null,
    statuses: new Map(Object.entries(clinic.statuses ?? {}).map(([k, v]) => [foldText(k), v])),
    skipStatuses: (clinic.skipStatuses ?? DEFAULT_SKIP_STATUSES).map(foldText).filter(Boolean),
  };
}

/** The `services` entry a service matches (its index in the config's order), or undefined when none does. */
export function serviceEntry(filter: VisitFilter, service: string): number | undefined {
  const s = foldText(service);
  const i = filter.services?.findIndex(([key]) => s.includes(key)) ?? -1;
  return i >= 0 ? i : undefined;
}

/** The treatment a service gets, or undefined when it is not an aftercare visit (an entry says "skip", or none matches). */
export function serviceTreatment(filter: VisitFilter, service: string): Treatment | undefined {
  const i = serviceEntry(filter, service);
  const choice = i === undefined ? undefined : filter.services![i]![1];
  return choice === 'skip' ? undefined : choice;
}

/**
 * Statuses booking systems use for a visit that happens (Acuity, Vagaro, Boulevard, Mindbody...):
 * a status that is none of these, and that the clinic's settings do not name, is one the front-desk
 * page asks about before it makes sheets for it.
 */
const USUAL_VISIT_STATUSES = new Set(
  ['booked', 'confirmed', 'unconfirmed', 'arrived', 'checked in', 'checked out', 'completed', 'complete', 'show', 'showed', 'scheduled', 'in progress', 'final', 'finished', 'paid'].map(foldText),
);

export interface StatusDecision {
  becomes: 'made' | 'skipped';
  /** How it was decided: the config's `statuses`, `skipStatuses` (or its default), or a usual visit status; undefined: nobody said (a sheet is made). */
  by?: 'statuses' | 'skipStatuses' | 'usual';
}

/** What a row with this status becomes, and what said so. */
export function statusDecision(filter: VisitFilter, status: string): StatusDecision {
  const s = foldText(status);
  if (s === '') return { becomes: 'made', by: 'usual' };
  const own = filter.statuses.get(s);
  if (own) return { becomes: own === 'skip' ? 'skipped' : 'made', by: 'statuses' };
  if (filter.skipStatuses.some((k) => s.includes(k))) return { becomes: 'skipped', by: 'skipStatuses' };
  return USUAL_VISIT_STATUSES.has(s) ? { becomes: 'made', by: 'usual' } : { becomes: 'made' };
}

/** True when a row with this status is passed over. */
export const isSkippedStatus = (filter: VisitFilter, status: string): boolean => statusDecision(filter, status).becomes === 'skipped';
