import { IANAZone } from 'luxon';

// luxon answers by building an Intl.DateTimeFormat each time: ~30 KB of native memory that the
// garbage collector does not see, so a batch that checks two zones per row grew by ~300 MB per
// 10,000 rows. The answer for a zone name never changes within a process.
const known = new Map<string, boolean>();

export const isValidZone = (zone: string): boolean => {
  let valid = known.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (known.size >= 1000) known.clear(); // a file of made-up zone names cannot grow it without bound
    known.set(zone, valid);
  }
  return valid;
};
