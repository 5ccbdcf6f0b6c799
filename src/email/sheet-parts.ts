import { DateTime } from 'luxon';
import { visitCalendar } from '../calendar/visit-calendar.js';
import { HandoutError } from '../errors.js';
import { makeHandout } from '../handout.js';
import type { Resources } from '../resources.js';
import { dobPassword, passwordPattern } from '../schema/date-of-birth.js';
import type { EmailRow, SheetParts } from './compose-message.js';

/**
 * The attachments of one row's email. The calendar and the key dates come from the visit's plan,
 * as the sheet's dates do. With `"email": {"protect": "dob"}` the PDF is made again, locked
 * (AES-256) with the date of birth as eight digits in the clinic's dateOrder; the printed file
 * stays as it is. A row without a date of birth is refused (E_INPUT): it is reported, not sent.
 * `now` is the run's clock ("prepared" on the locked copy, DTSTAMP of the calendar).
 */
export async function sheetParts(resources: Resources, row: EmailRow, filePdf: Buffer, now: DateTime = DateTime.now()): Promise<SheetParts> {
  const { clinic } = resources.clinic;
  const where = row.line !== undefined ? `line ${row.line}: ` : '';
  const visit = row.visit;
  // No calendar when the rules put nothing in it (a clinic's own protocol may not).
  const made = visit ? await visitCalendar(resources, visit, now) : undefined;
  const calendar = made?.events.length ? made : undefined;
  const parts: SheetParts = {
    pdf: filePdf,
    locked: false,
    ...(calendar && { ics: calendar.ics }),
    keyDates: calendar?.events.map((e) => ({ when: e.when, what: e.title })) ?? [],
  };
  if (clinic.email?.protect !== 'dob') return parts;
  if (!visit) throw new HandoutError('E_EMAIL', `${where}the sheet cannot be locked: the visit it was made from is not known here`, { path: `${where}dob` });
  if (visit.dob === undefined) {
    throw new HandoutError('E_INPUT', `${where}dob: no date of birth, so the sheet was made but not emailed (the clinic config says "email": {"protect": "dob"})`, {
      path: `${where}dob`,
      hint: 'Add the date of birth (a dob column, or --dob, e.g. 1985-04-12) and run the same command again.',
    });
  }
  const locked = await makeHandout(resources, visit, { now, password: dobPassword(visit.dob, clinic.dateOrder) });
  return { ...parts, pdf: locked.pdf, locked: true, passwordPattern: passwordPattern(clinic.dateOrder) };
}
