import type { DateTime } from 'luxon';
import type { LanguagePack } from '../load/load-templates.js';
import type { DatedTime } from '../rules/offset.js';
import type { TextCaches } from './text-caches.js';

/**
 * Dates in words a patient reads without counting: "6:30 PM today", "2:30 PM on Tuesday,
 * November 24", "Monday, November 30". Every DateTime here is already in the visit's zone (the
 * rules add offsets to the zoned treatment time), so formatting needs no zone conversion; the
 * language goes to luxon per call instead of through setLocale(), which would copy each DateTime.
 * Both formatted dates and phrases are remembered in the caches given (Resources').
 */
export class DatePhrases {
  private readonly locale: { locale: string };

  constructor(
    private readonly lang: LanguagePack,
    private readonly treatedAt: DateTime,
    private readonly caches: Pick<TextCaches, 'formatted' | 'phrases'>,
  ) {
    this.locale = { locale: lang.code };
  }

  day(dt: DateTime): string {
    return this.format(dt, this.lang.dates.day);
  }

  dayWithYear(dt: DateTime): string {
    return this.format(dt, this.lang.dates.dayWithYear);
  }

  time(dt: DateTime): string {
    return this.format(dt, this.lang.dates.time);
  }

  /** luxon's toFormat, remembered: a day's appointments share a few slots, hence a few dozen dates. */
  private format(dt: DateTime, format: string): string {
    const key = `${format}|${this.locale.locale}|${dt.zoneName}|${dt.toMillis()}`;
    return this.caches.formatted.get(key, () => dt.toFormat(format, this.locale));
  }

  private isTreatmentDay(dt: DateTime): boolean {
    return dt.year === this.treatedAt.year && dt.ordinal === this.treatedAt.ordinal;
  }

  /**
   * A rule's time: with the clock time when hours matter, the date alone otherwise. The language's
   * templates get `time`, `day` and `oneOClock` (the hour on a 12-hour clock is 1, for languages
   * whose article depends on it: Spanish "a la 1:30", "a las 6:30").
   */
  phrase(t: DatedTime): string {
    // The visits of a slot share their plan's times (resolvePlan), hence their phrases.
    const key = `${this.lang.code}|${this.treatedAt.toMillis()}|${t.precision}|${t.at.zoneName}|${t.at.toMillis()}`;
    return this.caches.phrases.get(key, () => this.phraseOnce(t));
  }

  private phraseOnce({ at, precision }: DatedTime): string {
    const { dates } = this.lang;
    if (precision === 'hour') {
      const time = this.time(at);
      const oneOClock = at.hour % 12 === 1;
      return this.isTreatmentDay(at) ? dates.timeToday({ time, oneOClock }) : dates.timeOnDay({ time, oneOClock, day: this.day(at) });
    }
    return this.isTreatmentDay(at) ? dates.today : dates.onDay({ day: this.day(at) });
  }
}
