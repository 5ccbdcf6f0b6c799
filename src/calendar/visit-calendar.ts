import type { DateTime } from 'luxon';
import { handoutFileName } from '../deliver/file-name.js';
import type { Resources } from '../resources.js';
import { resolvePlan, type Plan } from '../rules/resolve-plan.js';
import type { Visit } from '../schema/visit.js';
import { calendarEvents, calendarText, type CalendarEvent } from './calendar-events.js';
import { writeIcs } from './write-ics.js';

export interface VisitCalendar {
  /** The sheet's file name with .ics: `<date>_<name>_<treatment>.ics`. */
  fileName: string;
  /** The iCalendar file's text (CRLF line ends, as RFC 5545 wants). */
  ics: string;
  events: CalendarEvent[];
}

export const ICS_TYPE = 'text/calendar; charset=utf-8';

/** The visit's calendar moments in its language, from its plan (resolved here when not given). */
export function visitEvents(resources: Resources, visit: Visit, plan: Plan = resolvePlan(visit, resources.rules, resources.caches.plan)): CalendarEvent[] {
  return calendarEvents({
    plan,
    lang: resources.language(visit.language),
    words: resources.calendarTemplates(visit.language),
    clinic: resources.clinic.clinic,
  });
}

/**
 * A visit's recovery as a calendar file: what `generate --ics` writes beside the PDF, what each
 * email carries, and what the front-desk page serves (as `ICS_TYPE`, named `fileName`).
 * `now` is the CLI's clock (the file's DTSTAMP).
 */
export async function visitCalendar(resources: Resources, visit: Visit, now: DateTime, plan?: Plan): Promise<VisitCalendar> {
  const { clinic } = resources.clinic;
  const events = visitEvents(resources, visit, plan);
  const words = resources.calendarTemplates(visit.language);
  const ics = await writeIcs({
    events,
    name: calendarText(words.calendarName({ clinic: { name: clinic.name, phone: clinic.phone } })),
    timeZone: visit.timeZone,
    language: visit.language,
    identity: JSON.stringify([clinic.name, visit.id ?? [visit.patient.name, visit.treatedAt.toISO()]]),
    domain: uidDomain(clinic.email?.from, clinic.website),
    stamp: now,
    caches: resources.caches.calendar,
  });
  return { fileName: handoutFileName(visit).replace(/\.pdf$/i, '.ics'), ics, events };
}

/** The clinic's own domain for event UIDs: its sending address's, else its website's. */
function uidDomain(from: string | undefined, website: string | undefined): string {
  const domain = from?.split('@')[1] ?? website?.replace(/^[a-z]+:\/\//i, '').split(/[/:?#]/)[0];
  return domain && /^[A-Za-z0-9.-]+$/.test(domain) ? domain.toLowerCase() : 'aftercare.invalid';
}
