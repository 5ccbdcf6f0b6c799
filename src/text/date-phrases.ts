import type { DateTime } from 'luxon';
import type { LanguagePack } from '../load/load-templates.js';
import type { DatedTime } from '../rules/offset.js';

/**
 * Dates in words a patient reads without counting: "6:30 PM today", "2:30 PM on Tuesday,
 * November 24", "Monday, November 30". Always in the visit's zone and language.
 */
export class DatePhrases {
  constructor(
    private readonly lang: LanguagePack,
    private readonly treatedAt: DateTime,
  ) {}

  private local(dt: DateTime): DateTime {
    return dt.setZone(this.treatedAt.zone).setLocale(this.lang.code);
  }

  day(dt: DateTime): string {
    return this.local(dt).toFormat(this.lang.dates.day);
  }

  dayWithYear(dt: DateTime): string {
    return this.local(dt).toFormat(this.lang.dates.dayWithYear);
  }

  time(dt: DateTime): string {
    return this.local(dt).toFormat(this.lang.dates.time);
  }

  private isTreatmentDay(dt: DateTime): boolean {
    return this.local(dt).hasSame(this.local(this.treatedAt), 'day');
  }

  /**
   * A rule's time: with the clock time when hours matter, the date alone otherwise. The language's
   * templates get `time`, `day` and `oneOClock` (the hour on a 12-hour clock is 1, for languages
   * whose article depends on it: Spanish "a la 1:30", "a las 6:30").
   */
  phrase({ at, precision }: DatedTime): string {
    const { dates } = this.lang;
    if (precision === 'hour') {
      const local = this.local(at);
      const time = local.toFormat(dates.time);
      const oneOClock = local.hour % 12 === 1;
      return this.isTreatmentDay(at) ? dates.timeToday({ time, oneOClock }) : dates.timeOnDay({ time, oneOClock, day: this.day(at) });
    }
    return this.isTreatmentDay(at) ? dates.today : dates.onDay({ day: this.day(at) });
  }
}
