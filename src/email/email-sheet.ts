import { resolve } from 'node:path';
import { HandoutError } from '../errors.js';
import type { Resources } from '../resources.js';
import { planKey } from '../rules/plan-key.js';
import type { Visit } from '../schema/visit.js';
import { deliverAll, type DeliveryOptions } from './deliver-batch.js';
import { senderMailbox } from './sender-mailbox.js';
import { smtpSettings, type SmtpSettings } from './smtp-settings.js';

/** SMTP settings (undefined: the outbox) and the sender, checked before any sheet is made. */
export function checkEmailSetup(resources: Resources, options: { dryRun?: boolean; env?: NodeJS.ProcessEnv } = {}): SmtpSettings | undefined {
  const { clinic, source } = resources.clinic;
  const smtp = smtpSettings(clinic.smtp, options.env ?? process.env, source);
  senderMailbox(clinic, smtp !== undefined && !options.dryRun, source);
  return smtp;
}

export interface SheetEmail {
  to: string;
  status: 'sent' | 'outbox' | 'skipped';
  detail: string;
  /** One line for the person at the desk. */
  summary: string;
}

/**
 * `generate --email`: send the sheet just written, through the same log as `handout email`, so
 * repeating the command does not email the patient twice. Throws E_EMAIL when it was not sent.
 */
export async function emailSheet(
  resources: Resources,
  visit: Visit,
  file: string,
  options: Pick<DeliveryOptions, 'smtp' | 'resend' | 'warn' | 'now'> & { outDir: string },
): Promise<SheetEmail> {
  const to = visit.email!;
  const row = { name: visit.patient.name, email: to, language: visit.language, treatment: visit.treatment, treatedAt: visit.treatedAt.toISO(), file, plan: planKey(visit), visit };
  const { reports, via } = await deliverAll([row], { ...options, resources, outDir: resolve(options.outDir) });
  const report = reports[0]!;
  if (report.status === 'failed' || report.status === 'rejected') {
    throw new HandoutError('E_EMAIL', `the sheet was written to ${file}, but the email to ${to} was not sent: ${report.detail}`, {
      path: '--email',
      hint: report.permanent || report.status === 'rejected' ? 'Check the address, or the SMTP settings.' : 'Run the same command again to retry.',
    });
  }
  const summary =
    report.status === 'sent'
      ? `emailed to ${to} via ${via}`
      : report.status === 'skipped'
        ? `not emailed again: ${report.detail} (add --resend to send it again)`
        : `no SMTP server is configured: the message to ${to} was written to ${report.detail} (open it with any mail program)`;
  return { to, status: report.status, detail: report.detail, summary };
}
