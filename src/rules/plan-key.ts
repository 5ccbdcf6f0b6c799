import { createHash } from 'node:crypto';
import type { Visit } from '../schema/visit.js';

/**
 * A short hash of everything the sheet's instructions depend on: the treatment time and zone, the
 * treatment, the language, the area and concern (they pick rules) and the provider's note. Two
 * sheets of one visit with the same plan key tell the patient the same thing; a corrected date or
 * treatment changes it (and the email run sends the corrected sheet, marked as an update). Not the
 * clock ("prepared at") and not the program's version: those do not change what the patient does.
 */
export function planKey(visit: Pick<Visit, 'treatedAt' | 'timeZone' | 'treatment' | 'language' | 'area' | 'concern' | 'note'>): string {
  const parts = [visit.treatedAt.toUTC().toISO(), visit.timeZone, visit.treatment, visit.language, visit.area ?? '', visit.concern ?? '', visit.note ?? ''];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}
