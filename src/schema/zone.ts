import { IANAZone } from 'luxon';

/**
 * Whether luxon knows the IANA zone. luxon answers by building an Intl.DateTimeFormat each time:
 * ~30 KB of native memory the garbage collector does not see, so a batch that checks a zone per
 * row remembers the answers (Resources' caches, see validateVisit).
 */
export const isValidZone = (zone: string): boolean => IANAZone.isValidZone(zone);
