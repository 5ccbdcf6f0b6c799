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

  /** A rule's time: with the clock time when hours matter, the date alone otherwise. */
  phrase({ at, precision }: DatedTime): string {
    if (precision === 'hour') {
      const time = this.time(at);
      return this.isTreatmentDay(at) ? this.lang.dates.timeToday({ time }) : this.lang.dates.timeOnDay({ time, day: this.day(at) });
    }
    return this.isTreatmentDay(at) ? this.lang.dates.today : this.day(at);
  }
}
