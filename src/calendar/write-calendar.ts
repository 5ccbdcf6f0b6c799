import type { DateTime } from 'luxon';
import { writeAtomic } from '../deliver/write-atomic.js';
import type { Resources } from '../resources.js';
import type { Plan } from '../rules/resolve-plan.js';
import type { Visit } from '../schema/visit.js';
import { visitCalendar } from './visit-calendar.js';

/** `generate --ics`: the visit's calendar, written atomically beside its PDF (same name, .ics). Returns its path. */
export async function writeCalendarBeside(resources: Resources, visit: Visit, pdfFile: string, now: DateTime, plan?: Plan): Promise<string> {
  const { ics } = await visitCalendar(resources, visit, now, plan);
  const file = pdfFile.replace(/\.pdf$/i, '') + '.ics';
  writeAtomic(file, Buffer.from(ics, 'utf8'));
  return file;
}
