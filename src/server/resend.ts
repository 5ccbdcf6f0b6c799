import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { EmailRow } from '../email/compose-message.js';
import type { LogEntry } from '../email/delivery-log.js';
import type { DateOrder } from '../schema/clinic.js';
import { HandoutError, quote } from '../errors.js';
import { DOB_STYLES, parseDob } from '../schema/date-of-birth.js';
import { TREATMENTS, type Visit } from '../schema/visit.js';
import type { ServerContext } from './context.js';
import { emailDeps } from './email-deps.js';
import { deliver } from './email-jobs.js';
import { errorResponse, type ApiError, type ErrorStatus } from './http-errors.js';
import { readDeliveries } from './read-deliveries.js';

export type ResendResult = { to: string; status: string; detail: string; via: string } | { httpStatus: 404 | ErrorStatus; errors: ApiError[] };

/**
 * Send a logged delivery again (`--resend` for one message): the same sheet and address, with its
 * calendar rebuilt from the logged visit, and, where the clinic locks emailed sheets, a locked copy
 * made with the date of birth staff type (`dob`: the log never keeps it).
 */
export async function resend(ctx: ServerContext, key: string, body: { dob?: unknown }): Promise<ResendResult> {
  const entries = await readDeliveries(ctx.outDir, ctx.resources.clinic.clinic.timeZone);
  const entry = entries.find((e) => e.key === key && e.visit);
  if (!entry?.visit) {
    return { httpStatus: 404, errors: [{ field: null, message: 'no such delivery in the log (or it was logged before resending was possible)', hint: 'Email it again from the day page, or with `handout email --resend`.', code: 'E_NOT_FOUND' }] };
  }
  try {
    const visit = visitOf(entry, ctx, body.dob);
    const row: EmailRow = {
      ...(entry.line !== undefined && { line: entry.line }),
      ...(entry.id !== undefined && { id: entry.id }),
      name: entry.visit.name,
      email: entry.to,
      language: entry.visit.language,
      treatment: entry.visit.treatment,
      treatedAt: entry.visit.treatedAt,
      file: join(ctx.outDir, entry.file),
      ...(entry.plan !== undefined && { plan: entry.plan }),
      ...(visit && { visit }),
    };
    const result = await ctx.track(deliver(emailDeps(ctx), [row], { resend: true }));
    const r = result.reports[0]!;
    if (r.status === 'rejected') {
      return { httpStatus: 422, errors: [{ field: r.errors?.[0]?.path === 'dob' ? 'dob' : null, message: r.detail, hint: r.errors?.[0]?.hint ?? '', code: r.errors?.[0]?.code ?? 'E_INPUT' }] };
    }
    return { to: r.to, status: r.status, detail: r.detail, via: result.via };
  } catch (e) {
    const { status, body: errors } = errorResponse(e, { dob: body.dob });
    return { httpStatus: status, errors: errors.errors };
  }
}

/**
 * The logged visit as the one the sheet was made from (undefined for entries too old to hold its
 * zone: sent again without a calendar, as before). Throws a HandoutError on `dob` when the clinic
 * locks sheets and no valid date of birth was typed.
 */
function visitOf(entry: LogEntry, ctx: ServerContext, dobInput: unknown): Visit | undefined {
  const { clinic } = ctx.resources.clinic;
  const dob = readDob(dobInput, clinic.email?.protect === 'dob', clinic.dateOrder, ctx.clock().setZone(clinic.timeZone));
  const logged = entry.visit!;
  const treatment = TREATMENTS.find((t) => t === logged.treatment);
  if (!logged.timeZone || !treatment) return undefined;
  const treatedAt = DateTime.fromISO(logged.treatedAt, { zone: logged.timeZone });
  if (!treatedAt.isValid) return undefined;
  return {
    ...(entry.id !== undefined && { id: entry.id }),
    patient: { name: logged.name },
    email: entry.to,
    treatment,
    treatedAt,
    timeZone: logged.timeZone,
    language: logged.language,
    ...(logged.area && { area: logged.area }),
    ...(logged.concern && { concern: logged.concern }),
    ...(logged.note && { note: logged.note }),
    ...(dob && { dob }),
  };
}

function readDob(input: unknown, needed: boolean, order: DateOrder, today: DateTime): string | undefined {
  const text = typeof input === 'string' ? input.trim() : input == null ? '' : undefined;
  if (text === undefined) throw new HandoutError('E_INPUT', 'dob: must be text, like 1985-04-12', { path: 'dob', hint: 'Type the date of birth, e.g. 1985-04-12.' });
  if (text === '') {
    if (!needed) return undefined;
    throw new HandoutError('E_INPUT', 'dob: this clinic locks emailed sheets with the patient\'s date of birth, and the log does not keep it', {
      path: 'dob',
      hint: 'Type the patient\'s date of birth (e.g. 1985-04-12) to send the locked sheet again.',
    });
  }
  const parsed = parseDob(text, order, today);
  // The words of a bad dob column or --dob (src/rules/to-visit.ts).
  if (!parsed.ok) throw new HandoutError('E_INPUT', `dob: ${quote(text)} ${parsed.why}`, { path: 'dob', hint: `Use a date of birth like ${DOB_STYLES(order)}.` });
  return parsed.iso;
}
