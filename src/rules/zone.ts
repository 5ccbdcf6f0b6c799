import { IANAZone } from 'luxon';

// luxon checks a zone by building an Intl formatter every time; a batch asks about the same
// few zones thousands of times.
const known = new Map<string, boolean>();

export function isValidZone(zone: string): boolean {
  let ok = known.get(zone);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(zone);
    if (known.size > 1000) known.clear();
    known.set(zone, ok);
  }
  return ok;
}
