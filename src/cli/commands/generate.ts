import { makeAndWrite } from '../../deliver/make-and-write.js';
import { validateVisit } from '../../handout.js';
import { createContext, parsePaper } from '../context.js';
import { flagName, visitFromFlags, type VisitFlags } from '../visit-flags.js';

export interface GenerateFlags extends VisitFlags {
  out: string;
  pdfa?: boolean;
  /** Also write the calendar (.ics) beside the PDF. */
  ics?: boolean;
  /** Email the sheet to this address after writing it. */
  email?: string;
  resend?: boolean;
}

export interface GenerateResult {
  file: string;
  /** The calendar file, with --ics. */
  ics?: string;
  email?: { to: string; status: 'sent' | 'outbox' | 'skipped'; detail: string; summary: string };
}

/** `handout generate`: one sheet, written atomically; returns its path. With --email, sends it too. */
export async function generate(flags: GenerateFlags, warn: (m: string) => void): Promise<GenerateResult> {
  const ctx = createContext(flags.config, warn, { oneSheet: true });
  const paper = parsePaper(flags.paper);
  // The address is checked with the visit's other fields, before anything is made.
  const raw = { ...visitFromFlags(flags), ...(flags.email !== undefined && { email: flags.email }) };
  const visit = validateVisit(ctx.resources, raw, { now: ctx.now, fieldName: flagName });
  // Only this path loads the email code (and, from it, nodemailer).
  const emailing = visit.email !== undefined ? await import('../../email/email-sheet.js') : undefined;
  const smtp = emailing?.checkEmailSetup(ctx.resources);
  const { file, plan } = await makeAndWrite(ctx.resources, visit, flags.out, { now: ctx.now, fieldName: flagName, pdfa: flags.pdfa ?? false, ...(paper && { paper }) });
  // Only --ics loads the calendar code (ical-generator and its time zones).
  const ics = flags.ics ? await (await import('../../calendar/write-calendar.js')).writeCalendarBeside(ctx.resources, visit, file, ctx.now, plan) : undefined;
  if (!emailing) return { file, ...(ics && { ics }) };
  const email = await emailing.emailSheet(ctx.resources, visit, file, { outDir: flags.out, smtp, resend: flags.resend === true, warn, now: ctx.now });
  return { file, ...(ics && { ics }), email };
}
