import { DEFAULT_SKIP_STATUSES, type Clinic } from '../schema/clinic.js';
import type { Treatment } from '../schema/visit.js';
import { INVISIBLE } from './normalize-headers.js';

/**
 * Which rows are aftercare visits: the clinic's `services` map (text a service name contains ->
 * treatment, first match wins) and the statuses passed over (cancelled, no-show...). Text is
 * compared with case, spaces, hyphens, underscores, dots and invisible characters ignored, so
 * "No-Show", "no show" and "NOSHOW" are one status.
 */
export const foldText = (s: string): string => s.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/[\s_\-.]+/g, '');

export interface VisitFilter {
  /** null when the config has no `services` map. */
  services: [string, Treatment][] | null;
  skipStatuses: string[];
}

export function visitFilter(clinic: Pick<Clinic, 'services' | 'skipStatuses'>): VisitFilter {
  return {
    services: clinic.services ? Object.entries(clinic.services).map(([k, t]) => [foldText(k), t]) : null,
    skipStatuses: (clinic.skipStatuses ?? DEFAULT_SKIP_STATUSES).map(foldText).filter(Boolean),
  };
}

/** The treatment a service gets, or undefined when no entry matches (not an aftercare visit). */
export function serviceTreatment(filter: VisitFilter, service: string): Treatment | undefined {
  const s = foldText(service);
  return filter.services?.find(([key]) => s.includes(key))?.[1];
}

/** True when a row with this status is passed over. */
export const isSkippedStatus = (filter: VisitFilter, status: string): boolean => {
  const s = foldText(status);
  return s !== '' && filter.skipStatuses.some((k) => s.includes(k));
};
