import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { runBatch, type BatchRowReport } from '../../batch/run-batch.js';
import type { EmailRow } from '../../email/compose-message.js';
import { deliverAll, type DeliveryReport } from '../../email/deliver-batch.js';
import { LOG_NAME } from '../../email/delivery-log.js';
import { OUTBOX } from '../../email/outbox.js';
import { checkEmailSetup } from '../../email/email-sheet.js';
import { toEmailRow } from '../../email/email-row.js';
import { HandoutError, quote } from '../../errors.js';
import type { Visit } from '../../schema/visit.js';
import { createContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export interface EmailFlags {
  out: string;
  day?: string;
  dryRun?: boolean;
  resend?: boolean;
  config?: string;
  json?: boolean;
}

export type EmailRowStatus = DeliveryReport['status'] | 'no-email';

/** One row of the appointments file, as the report names it: line and address, not the row. */
export interface EmailRowReport extends Omit<DeliveryReport, 'status' | 'to'> {
  line?: number;
  to?: string;
  status: EmailRowStatus;
  /** The sheet made for a row that has no address. */
  file?: string;
}

export interface EmailRun {
  ok: boolean;
  /** smtp://user:****@host:port, or "outbox". */
  via: string;
  dryRun: boolean;
  outbox?: string;
  log: string;
  counts: Record<EmailRowStatus, number>;
  /** Rows of the file that are not aftercare visits (cancelled, no-show, another service): no sheet, no email. */
  passedOver: number;
  /** Why sending stopped before the end (login refused, server unreachable), if it did. */
  stopped?: string;
  rows: EmailRowReport[];
  exitCode: number;
}

/**
 * `handout email <appointments>`: make every row's sheet (as `batch` does), then email each sheet
 * to its row's address, exactly once across reruns (see src/email/delivery-log.ts).
 */
export async function email(file: string, flags: EmailFlags, warn: (m: string) => void): Promise<EmailRun> {
  const ctx = createContext(flags.config, warn);
  const day = flags.day === undefined ? undefined : parseDay(flags.day);
  const { clinic } = ctx.resources.clinic;
  const dryRun = flags.dryRun === true;
  const smtp = checkEmailSetup(ctx.resources, { dryRun });

  const visits = new Map<BatchRowReport, Visit>();
  const batch = await runBatch(file, { out: flags.out, ...(day && { day }), configPath: ctx.resources.paths.config, now: ctx.now, onSheet: (r, v) => visits.set(r, v) });
  // The log and the outbox live in --out itself, where `generate --email --out` finds them too.
  const outDir = resolve(flags.out);
  const rows: EmailRowReport[] = [];
  const toSend: EmailRow[] = [];
  for (const row of batch.rows) {
    // Not an aftercare visit (cancelled, another service): no sheet, no email; counted below.
    if (row.status === 'skipped') continue;
    const ref = { line: row.line, ...(row.id !== undefined && { id: row.id }) };
    if (row.status === 'rejected') {
      // No `to`: a rejected row's address is unchecked (it may hold a line break); the error quotes it safely.
      rows.push({ ...ref, status: 'rejected', detail: row.errors?.map((e) => e.message).join('; ') || 'rejected', ...(row.errors && { errors: row.errors }) });
    } else if (!row.email) {
      rows.push({ ...ref, status: 'no-email', detail: 'no email address: the sheet was made but not emailed', ...(row.file && { file: row.file }) });
    } else {
      const emailRow = toEmailRow(row, clinic.language, visits.get(row));
      if (emailRow) toSend.push(emailRow);
      else rows.push({ ...ref, to: row.email, status: 'rejected', detail: 'the batch report lacks the name, treatment, time or file of this row' });
    }
  }

  const delivery = await deliverAll(toSend, { resources: ctx.resources, outDir, smtp, dryRun, resend: flags.resend === true, warn, now: ctx.now });
  rows.push(...delivery.reports);
  rows.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

  const counts: Record<EmailRowStatus, number> = { sent: 0, outbox: 0, skipped: 0, failed: 0, rejected: 0, 'no-email': 0 };
  for (const r of rows) counts[r.status]++;
  const exitCode = counts.failed > 0 ? EXIT.someEmailsFailed : counts.rejected + counts['no-email'] > 0 ? EXIT.someRowsRejected : EXIT.ok;
  return {
    ok: exitCode === EXIT.ok,
    via: delivery.via,
    dryRun,
    ...(delivery.via === 'outbox' && { outbox: join(outDir, OUTBOX) }),
    log: join(outDir, LOG_NAME),
    counts,
    passedOver: batch.skipped,
    ...(delivery.stopped !== undefined && { stopped: delivery.stopped }),
    rows,
    exitCode,
  };
}

function parseDay(text: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text) ? DateTime.fromISO(text) : undefined;
  if (!day?.isValid) throw new HandoutError('E_INPUT', `--day: ${quote(text)} is not a date`, { path: '--day', hint: 'Use YYYY-MM-DD, e.g. 2026-11-23.' });
  return text;
}

/** The human summary: every row that needs attention by its line and address, then the counts. */
export function formatEmailRun(run: EmailRun): string {
  const lines: string[] = [];
  const where = (r: EmailRowReport) => [r.line !== undefined ? `line ${r.line}` : undefined, r.to].filter(Boolean).join(' ');
  for (const r of run.rows) {
    if (r.status === 'failed') lines.push(`failed    ${where(r)}: ${r.detail}${r.permanent ? ' (permanent)' : ''}`);
    else if (r.status === 'rejected') lines.push(`rejected  ${where(r)}: ${r.detail.split('\n').join('; ')}`);
    else if (r.status === 'no-email') lines.push(`no email  ${where(r)}: the sheet was made but not emailed`);
  }
  const c = run.counts;
  if (run.via === 'outbox') {
    lines.push(
      run.dryRun
        ? `--dry-run: nothing was sent; ${c.outbox} message(s) written to ${run.outbox}/ (open them with any mail program).`
        : `no SMTP server is configured (set HANDOUT_SMTP_URL or smtp.url in the clinic config): ${c.outbox} message(s) written to ${run.outbox}/ instead (open them with any mail program).`,
    );
  }
  if (run.stopped) lines.push(`sending stopped early: ${run.stopped}`);
  lines.push(
    `${c.sent} sent${run.via === 'outbox' ? '' : ` via ${run.via}`}, ${c.skipped} skipped (already sent), ${c.outbox} to the outbox, ${c.failed} failed, ${c['no-email']} without an email address, ${c.rejected} rejected. Log: ${run.log}`,
  );
  if (run.passedOver) lines.push(`${run.passedOver} row(s) passed over: cancelled, no-show or not a mapped service (\`handout batch\` lists them).`);
  if (c.failed > 0) lines.push(`${c.failed} email(s) failed: run the same command again to retry the failed ones.`);
  return lines.join('\n');
}
