import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchRowReport } from '../batch/run-batch.js';
import type { EmailRow } from '../email/compose-message.js';
import { deliverAll, type DeliveryReport, type DeliveryResult } from '../email/deliver-batch.js';
import { isLockBusy } from '../email/delivery-log.js';
import { toEmailRow } from '../email/email-row.js';
import { checkEmailSetup } from '../email/email-sheet.js';
import type { Resources } from '../resources.js';
import type { Visit } from '../schema/visit.js';
import { errorResponse, type ApiError } from './http-errors.js';
import type { Serial } from './serial.js';

export type EmailRowStatus = DeliveryReport['status'] | 'no-email';

/** A row's email outcome, as the CLI's `handout email --json` names it. */
export interface EmailRowReport {
  line?: number;
  to?: string;
  status: EmailRowStatus;
  detail: string;
}

export interface EmailJob {
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  via?: string;
  counts?: Record<EmailRowStatus, number>;
  rows?: EmailRowReport[];
  stopped?: string;
  errors?: ApiError[];
  httpStatus?: number;
  finished: Promise<void>;
}

export interface EmailDeps {
  resources: Resources;
  outDir: string;
  env: NodeJS.ProcessEnv;
  deliveries: Serial;
  /** How long to wait for another command's lock on the delivery log before giving up. */
  lockWaitMs?: number;
}

/**
 * Run `task` (which opens the delivery log: deliverAll, emailSheet) with the log to itself: one
 * delivery at a time in this process, waiting a little while another process (a `handout email`
 * on the same folder) holds the log's lock. Nothing was sent when the lock is refused.
 */
export function withDeliveryLog<T>(deps: EmailDeps, task: () => Promise<T>): Promise<T> {
  return deps.deliveries.run(async () => {
    const until = Date.now() + (deps.lockWaitMs ?? 30_000);
    for (;;) {
      try {
        return await task();
      } catch (e) {
        if (!isLockBusy(e) || Date.now() > until) throw e;
        await sleep(250);
      }
    }
  });
}

/** deliverAll (the CLI's path: the delivery log, exactly once) through withDeliveryLog. */
export async function deliver(deps: EmailDeps, rows: readonly EmailRow[], options: { resend?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<DeliveryResult> {
  const smtp = checkEmailSetup(deps.resources, { env: deps.env });
  const warn = () => {}; // the page shows where messages went; nothing about patients goes to the log
  return withDeliveryLog(deps, () =>
    deliverAll(rows, {
      resources: deps.resources,
      outDir: resolve(deps.outDir),
      smtp,
      resend: options.resend === true,
      warn,
      ...(options.onProgress && { onProgress: options.onProgress }),
    }),
  );
}

/** Email every row of a batch that has an address; a job already running is returned, not started twice. */
export function emailBatchRows(deps: EmailDeps, rows: readonly BatchRowReport[], current: EmailJob | undefined, visits?: ReadonlyMap<number, Visit>): EmailJob {
  if (current?.status === 'running') return current;
  const language = deps.resources.clinic.clinic.language;
  const reports: EmailRowReport[] = [];
  const toSend: EmailRow[] = [];
  for (const row of rows) {
    if (row.status === 'skipped') continue; // not an aftercare visit (cancelled, another service): nothing to send
    if (row.status === 'rejected') reports.push({ line: row.line, status: 'rejected', detail: 'the row was rejected: no sheet to send' });
    else if (!row.email) reports.push({ line: row.line, status: 'no-email', detail: 'no email address: the sheet was made but not emailed' });
    else {
      const r = toEmailRow(row, language, visits?.get(row.line));
      if (r) toSend.push(r);
    }
  }
  const job: EmailJob = { status: 'running', done: 0, total: toSend.length, finished: Promise.resolve() };
  job.finished = deliver(deps, toSend, { onProgress: (done) => (job.done = done) })
    .then((result) => {
      const all = [...reports, ...result.reports.map(({ line, to, status, detail }) => ({ ...(line !== undefined && { line }), to, status, detail }))];
      all.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      const counts: Record<EmailRowStatus, number> = { sent: 0, outbox: 0, skipped: 0, failed: 0, rejected: 0, 'no-email': 0 };
      for (const r of all) counts[r.status]++;
      Object.assign(job, { status: 'done', done: job.total, via: result.via, counts, rows: all, ...(result.stopped !== undefined && { stopped: result.stopped }) });
    })
    .catch((e: unknown) => {
      const { status, body } = errorResponse(e);
      Object.assign(job, { status: 'failed', errors: body.errors, httpStatus: isLockBusy(e) ? 409 : status });
    });
  return job;
}

/** The job as the API returns it. */
export const emailJobJson = ({ finished: _f, httpStatus: _h, ...rest }: EmailJob) => rest;
