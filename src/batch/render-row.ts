import { DateTime } from 'luxon';
import type { Memo } from '../memo.js';
import { HandoutErrors, isHandoutError, type HandoutError } from '../errors.js';
import { makeHandout } from '../handout.js';
import type { Resources } from '../resources.js';
import type { Visit } from '../schema/visit.js';
import type { Paper } from '../schema/clinic.js';
import { fieldNamer } from './row-fields.js';

/** A visit the main thread has validated, as plain data (a luxon DateTime does not cross threads). */
export type VisitData = Omit<Visit, 'treatedAt'> & { treatedAtMillis: number };

export const visitData = ({ treatedAt, ...rest }: Visit): VisitData => ({ ...rest, treatedAtMillis: treatedAt.toMillis() });

/** The same visit again: the same instant in the same zone (`timeZone` was checked when validating). */
export function fromVisitData({ treatedAtMillis, ...rest }: VisitData, instants: Memo<string, DateTime>): Visit {
  // Remembered: a day's visits share a few dozen slots, and each new DateTime asks Intl for its zone's offset.
  const treatedAt = instants.get(`${rest.timeZone}|${treatedAtMillis}`, () => DateTime.fromMillis(treatedAtMillis, { zone: rest.timeZone })) as DateTime<true>;
  return { ...rest, treatedAt };
}

/** One sheet to make: the validated visit, and the row's column names for messages. */
export interface RenderJob {
  visit: VisitData;
  names: Record<string, string>;
  /** This sheet's clock (ISO with offset), when it is not the worker's (the server reads it per request). */
  now?: string;
  /** The paper, when not the clinic's. */
  paper?: Paper;
}

/** An error as the report gives it (plain data: it crosses from the workers). */
export interface ErrorJson {
  code: string;
  message: string;
  path?: string;
  hint?: string;
}

export const errorsOf = (e: HandoutError): ErrorJson[] => (e instanceof HandoutErrors ? e.errors : [e]).map((x) => x.toJSON());

export type RenderOutcome =
  | { status: 'rendered'; pdf: Uint8Array }
  /** The row cannot be printed (a character the font lacks, too much text): only this row fails. */
  | { status: 'rejected'; errors: ErrorJson[] };

/** Render one sheet (runs in a worker, with that worker's Resources); the main thread writes it. */
export async function renderRow(resources: Resources, job: RenderJob, now: DateTime): Promise<RenderOutcome> {
  try {
    const visit = fromVisitData(job.visit, resources.caches.visit.instants);
    const options = { now, fieldName: fieldNamer(job.names), ...(job.paper && { paper: job.paper }) };
    return { status: 'rendered', pdf: (await makeHandout(resources, visit, options)).pdf };
  } catch (e) {
    if (isHandoutError(e)) return { status: 'rejected', errors: errorsOf(e) };
    // A bug met on one row: say so on that row, and make the others.
    const detail = process.env.HANDOUT_DEBUG ? `\n${(e as Error).stack ?? ''}` : '';
    return { status: 'rejected', errors: [{ code: 'E_INTERNAL', message: `internal error: ${(e as Error).message}${detail}`, hint: 'Please report it; HANDOUT_DEBUG=1 shows details.' }] };
  }
}
