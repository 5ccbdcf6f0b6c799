import { randomUUID } from 'node:crypto';
import type { DateTime } from 'luxon';
import { readFileSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { HandoutError, HandoutErrors, isHandoutError } from '../errors.js';
import type { Resources } from '../resources.js';
import { composeMessage, type ComposedMessage, type EmailRow, type Mailbox } from './compose-message.js';
import { DeliveryLog, deliveryKey, loggedVisit, sha256, type LogEntry } from './delivery-log.js';
import { writeOutbox } from './outbox.js';
import { sheetParts } from './sheet-parts.js';
import { senderMailbox } from './sender-mailbox.js';
import { createSmtpSender, type SenderOptions, type SmtpSender } from './send-smtp.js';
import type { SmtpSettings } from './smtp-settings.js';

export type DeliveryStatus = 'sent' | 'outbox' | 'skipped' | 'failed' | 'rejected';

/** What happened to one row's email. Names the row by its line and address only. */
export interface DeliveryReport {
  line?: number;
  id?: string;
  to: string;
  status: DeliveryStatus;
  /** sent: the server's answer; failed: why; skipped: when it was sent before; outbox: the .eml path. */
  detail: string;
  attempts?: number;
  permanent?: boolean;
  /** The message went out but its answer never came: the next run sends it again with the same Message-ID. */
  unknown?: boolean;
  errors?: { code: string; message: string; path?: string; hint?: string }[];
}

export interface DeliveryOptions {
  resources: Resources;
  /** The output folder: the log is `<out>/delivery-log.jsonl`, the outbox `<out>/outbox/`. */
  outDir: string;
  /** SMTP settings; undefined (or dryRun) writes the messages to the outbox instead. */
  smtp: SmtpSettings | undefined;
  dryRun?: boolean;
  /** Send even what the log says the server accepted before. */
  resend?: boolean;
  warn: (m: string) => void;
  sender?: SenderOptions;
  /** When an attempt happened, for the log (the actual time, unlike the sheet's fixed clock). */
  clock?: () => Date;
  /** Called as each row is settled (sent, skipped, failed...), for a progress display. */
  onProgress?: (done: number, total: number) => void;
  /** The run's clock: "prepared" on a locked copy, DTSTAMP of the calendar (default: now). */
  now?: DateTime;
}

export interface DeliveryResult {
  /** smtp://user:****@host:port, or "outbox". */
  via: string;
  reports: DeliveryReport[];
  /** Why sending stopped early (login refused, server unreachable), if it did. */
  stopped?: string;
}

/**
 * Email each row's PDF (already written by batch or generate) exactly once: rows the log says the
 * server accepted are skipped, the rest are sent over one pooled connection, or written to the
 * outbox, and every attempt is logged before the next row's.
 */
export async function deliverAll(rows: readonly EmailRow[], options: DeliveryOptions): Promise<DeliveryResult> {
  const { resources, outDir } = options;
  const bySmtp = options.smtp !== undefined && !options.dryRun;
  const mailbox = senderMailbox(resources.clinic.clinic, bySmtp, resources.clinic.source);
  if (mailbox.placeholder && rows.length) options.warn(`note: the clinic config has no email.from; the outbox messages say they are from ${mailbox.from.address}.`);
  // The wording the sheets carry (a sheet left unchanged by the batch was made from the same files).
  const protocol = resources.rules.protocol?.version;
  const log = DeliveryLog.open(outDir);
  let sender: SmtpSender | undefined;
  try {
    if (bySmtp) sender = await createSmtpSender(options.smtp!, options.sender);
    const run: DeliveryRun = { ...mailbox, resources, outDir, log, sender, via: sender?.via ?? 'outbox', clock: options.clock ?? (() => new Date()), protocol, ...(options.now && { now: options.now }) };
    const keys = rows.map(deliveryKey);
    const { reports, todo } = whatToSend(rows, keys, log, options.resend === true);
    let settled = rows.length - todo.length;
    options.onProgress?.(settled, rows.length);
    // As many messages in flight as there are connections; the outbox writes one at a time.
    await inParallel(todo, sender ? options.smtp!.maxConnections : 1, async (i) => {
      reports[i] = await deliverOne(run, rows[i]!, keys[i]!);
      options.onProgress?.(++settled, rows.length);
    });
    return { via: run.via, reports, ...(sender?.stopped !== undefined && { stopped: sender.stopped }) };
  } finally {
    sender?.close();
    log.close();
  }
}

/** What every row's delivery in one run shares: the sender's mailbox, the log, and the way out (SMTP, or the outbox when `sender` is undefined). */
interface DeliveryRun {
  resources: Resources;
  outDir: string;
  from: Mailbox;
  replyTo?: string;
  log: DeliveryLog;
  sender: SmtpSender | undefined;
  via: string;
  clock: () => Date;
  protocol: string | undefined;
  now?: DateTime;
}

/** A row's message as made: the PDF it carries (perhaps a locked copy) and whether it is locked. */
interface MadeMessage {
  pdf: Buffer;
  locked: boolean;
  message: ComposedMessage;
}

/** One row: its message made, then sent (every attempt logged) or written to the outbox. */
async function deliverOne(run: DeliveryRun, row: EmailRow, key: string): Promise<DeliveryReport> {
  // The same Message-ID as a try whose outcome is unknown, so a repeat shows once; else a new one.
  const domain = run.from.address.split('@')[1] ?? 'localhost';
  const messageId = run.log.pendingMessageId(key, row.plan) ?? `<${randomUUID().replace(/-/g, '')}@${domain}>`;
  const update = run.log.isUpdate(key, row.plan);
  const made = await makeMessage(run, row, messageId, update);
  if ('status' in made) return made;
  const entry = logEntries(run, row, key, made, update);
  if (!run.sender) return toOutbox(run, row, key, made.message, entry);
  // A log that cannot be written throws out of send(): the run stops, nothing more is sent.
  const result = await run.sender.send(made.message, (a) => run.log.append(entry(a.status, a.attempt, a.response, a.permanent)));
  return {
    ...rowRef(row),
    status: result.status === 'accepted' ? 'sent' : 'failed',
    detail: result.status === 'accepted' && update ? `${result.response} (an update of the sheet sent before)` : result.response,
    attempts: result.attempts,
    ...(result.status === 'failed' && { permanent: result.permanent }),
    ...(result.status === 'unknown' && { unknown: true }),
  };
}

/** The message (the PDF sent may be a locked copy of the file, with the calendar beside it: sheet-parts.ts), or the report of why it cannot be made. */
async function makeMessage(run: DeliveryRun, row: EmailRow, messageId: string, update: boolean): Promise<MadeMessage | DeliveryReport> {
  try {
    const parts = await sheetParts(run.resources, row, readPdf(row.file), run.now);
    const message = composeMessage(run.resources, row, parts, run.from, run.replyTo, messageId, { update });
    return { pdf: parts.pdf, locked: parts.locked, message };
  } catch (e) {
    if (!isHandoutError(e)) throw e;
    const errors = (e instanceof HandoutErrors ? e.errors : [e]).map((x) => x.toJSON());
    const status = e.code === 'E_EMAIL' || e.code === 'E_INPUT' ? 'rejected' : 'failed';
    return { ...rowRef(row), status, detail: e.message, errors };
  }
}

type EntryOf = (status: LogEntry['status'], attempt: number, response: string, permanent?: boolean) => LogEntry;

/** The log's line for each step of this row's delivery. */
function logEntries(run: DeliveryRun, row: EmailRow, key: string, made: MadeMessage, update: boolean): EntryOf {
  const hash = sha256(made.pdf);
  return (status, attempt, response, permanent) => ({
    at: run.clock().toISOString(),
    key,
    ...(row.plan !== undefined && { plan: row.plan }),
    ...rowRef(row),
    file: relative(run.outDir, row.file),
    // What a deliberate resend needs (the server's "Sent" page): the visit the message is about.
    visit: loggedVisit(row),
    sha256: hash,
    locked: made.locked,
    via: run.via,
    attempt,
    status,
    ...(permanent !== undefined && { permanent }),
    ...(update && { update }),
    response,
    messageId: made.message.messageId,
    ...(run.protocol !== undefined && { protocol: run.protocol }),
  });
}

async function toOutbox(run: DeliveryRun, row: EmailRow, key: string, message: ComposedMessage, entry: EntryOf): Promise<DeliveryReport> {
  const path = await writeOutbox(run.outDir, `${basename(row.file).replace(/\.pdf$/i, '')}_${key.slice(0, 8)}.eml`, message);
  run.log.append(entry('outbox', 1, relative(run.outDir, path)));
  return { ...rowRef(row), status: 'outbox', detail: path };
}

/**
 * Which rows to send: not those the server accepted before with the same plan (unless resending),
 * and each delivery once even when the file lists it twice. The others get their report now.
 */
function whatToSend(rows: readonly EmailRow[], keys: string[], log: DeliveryLog, resend: boolean): { reports: DeliveryReport[]; todo: number[] } {
  const reports: DeliveryReport[] = new Array(rows.length);
  const todo: number[] = [];
  const firstLineOf = new Map<string, number | undefined>();
  rows.forEach((row, i) => {
    const key = keys[i]!;
    const before = log.accepted(key, row.plan);
    if (firstLineOf.has(key)) {
      reports[i] = { ...rowRef(row), status: 'skipped', detail: `the same visit and address as line ${firstLineOf.get(key) ?? '?'}` };
    } else if (before && !resend) {
      reports[i] = { ...rowRef(row), status: 'skipped', detail: `already sent ${before.at} (${before.response})` };
    } else {
      todo.push(i);
    }
    firstLineOf.set(key, row.line);
  });
  return { reports, todo };
}

/** Up to `limit` at once; after a failure (the log cannot be written) none is started, and those in flight finish first. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** How reports and the log name a row: its line, its id, its address; never the whole row. */
const rowRef = (row: EmailRow) => ({ ...(row.line !== undefined && { line: row.line }), ...(row.id !== undefined && { id: row.id }), to: row.email });

function readPdf(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new HandoutError('E_IO', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path: file });
  }
}
