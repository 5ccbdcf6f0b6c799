import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Memo } from '../memo.js';
import type { CalendarEvent } from './calendar-events.js';

export interface IcsInputs {
  events: readonly CalendarEvent[];
  /** The calendar's name (X-WR-CALNAME), plain text. */
  name: string;
  /** The clinic's IANA zone: timed events are written in it (TZID, with its VTIMEZONE). */
  timeZone: string;
  /** Language of the texts (en, es). */
  language: string;
  /** Stable per visit (its id, else the patient and the treatment time): UIDs derive from it, so a corrected calendar replaces its events instead of adding copies. */
  identity: string;
  /** The domain after @ in each UID (the clinic's sending domain). */
  domain: string;
  /** DTSTAMP: when the file was made (the CLI's clock). */
  stamp: DateTime;
  /** Remembered per process (Resources.caches.calendar): a day's visits share a zone and a few dozen slots. */
  caches: CalendarCaches;
}

export interface CalendarCaches {
  vtimezones: Memo<string, string | null>;
  offsetsAgree: Memo<string, boolean>;
}

/** Timed events last this long in the calendar, shown as free time: a reminder, not an appointment. */
const TIMED_MINUTES = 15;

/**
 * Events -> an iCalendar (RFC 5545) file, written by ical-generator (escaping, line folding, date
 * forms). Timed events carry the clinic's zone with its VTIMEZONE (from timezones-ical-library),
 * so the file reads in the clinic's local time and any calendar app places it right. Where that
 * library has no VTIMEZONE for the zone, or its rules disagree with the zone data the plan was
 * made with (Node's), the events are written in UTC instead: the same instants as the sheet,
 * whatever a calendar app makes of the zone. All-day spans are dates.
 */
export async function writeIcs(input: IcsInputs): Promise<string> {
  // Loaded on use: only the calendar paths pay for them.
  const { ICalCalendar, ICalCalendarMethod, ICalEventTransparency, ICalAlarmType } = await import('ical-generator');
  const vtimezone = vtimezoneFor(input.timeZone, input.events, input.caches);
  const zone = vtimezone ? input.timeZone : null;
  const cal = new ICalCalendar({
    // No product name that names the treatment: a calendar file is seen by whoever sees the calendar.
    prodId: { company: 'handout', product: 'aftercare', language: input.language.toUpperCase() },
    name: input.name,
    method: ICalCalendarMethod.PUBLISH,
    // The zone is named on each event, not on the calendar: with a calendar zone, ical-generator
    // (10.2) writes DTSTAMP in local time without a zone, which RFC 5545 forbids (it must be UTC).
    // The generator still adds the VTIMEZONE of every zone the events use.
    ...(zone && { timezone: { name: null, generator: () => vtimezone } }),
  });
  for (const e of input.events) {
    const uid = `${createHash('sha256').update(JSON.stringify([input.identity, e.ruleId])).digest('hex').slice(0, 32)}@${input.domain}`;
    const common = { id: uid, stamp: input.stamp.toUTC(), summary: e.title, description: e.description, transparency: ICalEventTransparency.TRANSPARENT };
    if (e.start) {
      cal.createEvent({
        ...common,
        start: e.start,
        end: e.start.plus({ minutes: TIMED_MINUTES }),
        timezone: zone,
        alarms: [{ type: ICalAlarmType.display, trigger: 0, description: e.title }],
      });
    } else {
      const { first, last } = e.days!;
      // Days of the clinic's zone; DTEND is the day after the last day (RFC 5545: the end is exclusive).
      const day = (iso: string) => DateTime.fromISO(iso, { zone: input.timeZone });
      cal.createEvent({ ...common, allDay: true, start: day(first), end: day(last).plus({ days: 1 }) });
    }
  }
  return cal.toString();
}

/**
 * The zone's VTIMEZONE, if it gives every timed event the same UTC offset as the plan's own zone
 * data (luxon, through Node's Intl). Calendar apps such as Outlook trust the VTIMEZONE in the file:
 * an outdated rule there (a country that dropped daylight saving time) would move every event by
 * an hour, so such a block is not used.
 */
function vtimezoneFor(zone: string, events: readonly CalendarEvent[], caches: CalendarCaches): string | null {
  // Loaded on use: its zone data is only needed for a calendar.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tzlib = require('timezones-ical-library') as typeof import('timezones-ical-library');
  const block = caches.vtimezones.get(zone, () => {
    const b = tzlib.tzlib_get_ical_block(zone);
    return Array.isArray(b) && b[0]?.includes('BEGIN:VTIMEZONE') ? b[0] : null;
  });
  if (!block) return null;
  const agrees = (t: DateTime) =>
    caches.offsetsAgree.get(`${zone}|${t.toMillis()}`, () => {
      const local = t.setZone(zone);
      return tzlib.tzlib_get_offset(zone, local.toISODate()!, local.toFormat('HH:mm')) === local.toFormat('ZZZ');
    });
  for (const e of events) {
    if (e.start && !(agrees(e.start) && agrees(e.start.plus({ minutes: TIMED_MINUTES })))) return null;
  }
  return block;
}
