import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { HandoutError } from '../errors.js';
import { takeLock, type FolderLock } from '../deliver/folder-lock.js';
import { writeAll } from '../deliver/write-atomic.js';
import { writeError } from '../deliver/write-error.js';
import type { EmailRow } from './compose-message.js';

export const LOG_NAME = 'delivery-log.jsonl';

/**
 * One line per step: `sending` is written (and flushed) before a message goes to the server, then
 * its outcome: `accepted`, `failed` (the server said no, or the connection failed before the whole
 * message was sent: it was not delivered) or `unknown` (the message was sent but its answer never
 * came: it may have been delivered). `outbox` for a message written to the outbox.
 */
export interface LogEntry {
  at: string;
  /** Which delivery this is (recipient and visit): see deliveryKey. */
  key: string;
  /** What the sheet said (src/rules/plan-key.ts): a changed plan is a new message, an update. */
  plan?: string;
  line?: number;
  id?: string;
  to: string;
  /** The attached PDF, relative to the output folder, and the SHA-256 of its bytes. */
  file: string;
  /** The visit the message is about (written since the server's "Sent" page; lets it resend). */
  visit?: LoggedVisit;
  sha256: string;
  /** Whether that PDF was locked with the patient's date of birth (clinic config email.protect). */
  locked?: boolean;
  /** smtp://user:****@host:port, or "outbox". */
  via: string;
  attempt: number;
  status: 'sending' | 'accepted' | 'failed' | 'unknown' | 'outbox';
  permanent?: boolean;
  /** The message was marked as an update of one sent before. */
  update?: boolean;
  /** The server's answer (or the error), or the .eml path for the outbox. */
  response: string;
  messageId?: string;
  /** The protocol version of the sheet's wording (the clinic's label, else a short hash of its files). */
  protocol?: string;
}

/**
 * What the "Sent" page needs to send a message again with its calendar and, where the clinic locks
 * sheets, a locked copy of the same sheet: the sheet's own fields (the output folder holds them in
 * the PDF anyway), never the date of birth (the password), which staff type again to resend.
 */
export interface LoggedVisit {
  name: string;
  language: string;
  treatment: string;
  /** ISO with the visit's offset. */
  treatedAt: string;
  /** The visit's zone (older entries lack it: the clinic's then). */
  timeZone?: string;
  area?: string;
  concern?: string;
  note?: string;
}

export function loggedVisit(row: EmailRow): LoggedVisit {
  const v = row.visit;
  return {
    name: row.name,
    language: row.language,
    treatment: row.treatment,
    treatedAt: row.treatedAt,
    ...(v && { timeZone: v.timeZone, ...(v.area && { area: v.area }), ...(v.concern && { concern: v.concern }), ...(v.note && { note: v.note }) }),
  };
}

const STATUSES = new Set<string>(['sending', 'accepted', 'failed', 'unknown', 'outbox']);

/**
 * Which recipient and visit a delivery is for: the recipient and the row's identity (its id, else
 * the patient's name and treatment time). Not the treatment or the PDF's hash: a corrected
 * treatment is the same visit with a new plan (see LogEntry.plan), and the sheet's "Prepared" time
 * changes on every run.
 */
export function deliveryKey(row: { email: string; id?: string; name: string; treatedAt: string }): string {
  const at = DateTime.fromISO(row.treatedAt, { setZone: true });
  const identity = row.id !== undefined ? ['id', row.id.trim()] : ['visit', row.name.normalize('NFC').trim(), at.isValid ? at.toMillis() : row.treatedAt];
  return sha256(JSON.stringify([row.email.trim().toLowerCase(), identity])).slice(0, 32);
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

const slot = (key: string, plan: string | undefined) => `${key}\u0000${plan ?? ''}`;

/**
 * `<out>/delivery-log.jsonl`: append-only, one fsync'd line per step, so what was sent survives a
 * crash. Only whole lines are trusted: a last line cut short (a crash, a full disk) is dropped when
 * the log is opened, and a line that cannot be written whole is taken back. Opening it takes
 * `<out>/delivery-log.lock`, so two runs on the same folder cannot both send the same rows.
 */
export class DeliveryLog {
  private readonly acceptedBySlot = new Map<string, LogEntry>();
  /** The Message-ID of a message sent (or about to be) whose acceptance was never logged. */
  private readonly pendingBySlot = new Map<string, string>();
  /** Per delivery, the plans that may have reached the patient. */
  private readonly reached = new Map<string, Set<string>>();
  private fd: number | undefined;
  private size = 0;
  private lock: FolderLock | undefined;

  private constructor(readonly path: string) {}

  static open(outDir: string): DeliveryLog {
    const path = join(outDir, LOG_NAME);
    const log = new DeliveryLog(path);
    try {
      mkdirSync(outDir, { recursive: true });
    } catch (e) {
      throw writeError(path, e);
    }
    const lockPath = join(outDir, 'delivery-log.lock');
    log.lock = takeLock(lockPath, (pid) =>
      new HandoutError('E_EMAIL', `another handout command (process ${pid}) is sending from ${path}`, {
        path: lockPath,
        hint: `Wait for it to finish. If no such command is running, delete ${lockPath}.`,
      }),
    );
    try {
      log.fd = openSync(path, 'a+');
      const text = readFileSync(log.fd, 'utf8');
      const whole = text.lastIndexOf('\n') + 1;
      for (const line of text.slice(0, whole).split('\n')) log.remember(line);
      log.size = Buffer.byteLength(text.slice(0, whole));
      // A crash or a full disk in the middle of the last line: it is not trusted, and goes.
      if (whole < text.length) ftruncateSync(log.fd, log.size);
    } catch (e) {
      log.close();
      throw writeError(path, e);
    }
    return log;
  }

  /** The server's acceptance of this delivery with this plan, if any run got one. */
  accepted(key: string, plan?: string): LogEntry | undefined {
    return this.acceptedBySlot.get(slot(key, plan));
  }

  /** The Message-ID of this delivery and plan when it was sent without a logged acceptance: send it again with that one. */
  pendingMessageId(key: string, plan?: string): string | undefined {
    return this.pendingBySlot.get(slot(key, plan));
  }

  /** Whether another plan of this delivery may have reached the patient (so this one is an update). */
  isUpdate(key: string, plan?: string): boolean {
    for (const other of this.reached.get(key) ?? []) if (other !== (plan ?? '')) return true;
    return false;
  }

  /** Write one whole, flushed line, or throw E_IO leaving the file as it was. */
  append(entry: LogEntry): void {
    if (this.fd === undefined) throw new Error('delivery log is closed');
    const line = Buffer.from(JSON.stringify(entry) + '\n');
    try {
      writeAll(this.fd, line);
      fsyncSync(this.fd);
      this.size += line.length;
    } catch (e) {
      try {
        ftruncateSync(this.fd, this.size);
      } catch {
        /* the next open drops a torn last line */
      }
      throw writeError(this.path, e);
    }
    this.note(entry);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.lock?.release();
    this.lock = undefined;
  }

  private remember(line: string): void {
    if (!line.trim()) return;
    let entry: LogEntry;
    try {
      entry = JSON.parse(line) as LogEntry;
    } catch {
      return; // not a whole entry: trusted for nothing
    }
    if (entry && typeof entry.key === 'string' && STATUSES.has(entry.status)) this.note(entry);
  }

  private note(entry: LogEntry): void {
    const at = slot(entry.key, entry.plan);
    if (entry.status === 'sending' || entry.status === 'accepted' || entry.status === 'unknown') {
      let plans = this.reached.get(entry.key);
      if (!plans) this.reached.set(entry.key, (plans = new Set()));
      plans.add(entry.plan ?? '');
    }
    if (entry.status === 'sending' && entry.messageId) this.pendingBySlot.set(at, entry.messageId);
    if (entry.status === 'accepted') {
      this.acceptedBySlot.set(at, entry);
      this.pendingBySlot.delete(at);
    }
  }
}

/** Whether an error is another run holding `<out>/delivery-log.lock` (worth waiting for). */
export const isLockBusy = (e: unknown): boolean => e instanceof HandoutError && e.code === 'E_EMAIL' && (e.path?.endsWith('delivery-log.lock') ?? false);
