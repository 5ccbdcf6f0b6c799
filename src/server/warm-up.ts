// A new server is slow for its first thousand or so sheets: V8 runs the code in its interpreter and
// compiles it for speed only as it goes (8 desks at once on a two-core machine, distinct names: the
// first 1,000 sheets took 3.1-3.6 s, the third 1,000 1.7-2.5 s). The server makes one sheet before it
// prints its address, then goes on with made-up visits in the background, while no desk is waiting,
// so the day's first patients get the speed of the rest.
import type { DateTime } from 'luxon';
import { HandoutError } from '../errors.js';
import { makeHandout, validateVisit } from '../handout.js';
import type { Resources } from '../resources.js';
import type { Visit } from '../schema/visit.js';

/** Sheets made in the background after start (3.5-5 s of one core on a two-core machine). */
export const WARM_UP_SHEETS = 1000;

/**
 * Load everything once, now, and make one sheet on this thread; returns the visit, for the render
 * threads' first sheet (the address is printed once they have made it too).
 */
export async function firstSheet(resources: Resources, now: DateTime): Promise<Visit> {
  const visit = validateVisit(resources, { name: 'Warm Up', treatment: 'aggressive', date: localDate(resources, now, 10, 0) }, { now });
  for (const code of resources.languages) resources.language(code);
  await makeHandout(resources, visit, { now });
  return visit;
}

// Made-up people (never a patient): names in the scripts a clinic's list has, the lengths and notes
// that move the sheet's body, both treatments, the day's hours, every language the clinic has.
const FIRST = ['Maya', 'Zoë', 'Łukasz', 'Ελένη', 'José', 'Aoife', 'Søren', 'Chloé', 'Dmitri', 'Priya', 'Mateo', 'Noor', 'Kwame'];
const LAST = ["O'Brien", 'Okonkwo-Lindqvist', 'Żółkiewski', 'Παπαδοπούλου', 'Martínez Peña', 'Nguyen', 'Müller', 'Ivanova', 'Haddad', 'Tanaka', 'Brennan'];
const AREAS = ['Full face', 'Cheeks and under-eye', 'Forehead', 'Neck', undefined];
const CONCERNS = ['Fine lines', 'Acne scarring', 'Texture', undefined];
const NOTES = [undefined, undefined, 'Stick with the gentle cleanser we gave you.', 'Deeper settings on the cheeks today, so expect a bit more redness than last time.'];

/**
 * `count` validated made-up visits of today, made one at a time as they are taken (validating them
 * warms this thread's part too). One the clinic cannot take is left out.
 */
export function* warmUpVisits(resources: Resources, now: DateTime, count: number): Generator<Visit> {
  const languages = resources.languages;
  for (let i = 0; i < count; i++) {
    const raw = {
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      treatment: i % 3 === 0 ? 'aggressive' : 'standard',
      date: localDate(resources, now, 8 + (i % 12), (i * 7) % 60),
      area: AREAS[i % AREAS.length],
      concern: CONCERNS[i % CONCERNS.length],
      note: NOTES[i % NOTES.length],
      // Mostly the clinic's own language, as its patients' sheets are.
      language: i % 4 === 3 ? languages[i % languages.length] : undefined,
    };
    try {
      yield validateVisit(resources, raw, { now });
    } catch (e) {
      if (!(e instanceof HandoutError)) throw e;
    }
  }
}

/** `now`'s day in the clinic's zone at hh:mm, as a visit's `date`. */
function localDate(resources: Resources, now: DateTime, hour: number, minute: number): string {
  return now.setZone(resources.clinic.clinic.timeZone).set({ hour, minute }).toFormat("yyyy-MM-dd'T'HH:mm");
}
