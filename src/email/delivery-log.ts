import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { HandoutError } from '../errors.js';
import { isRunning } from '../deliver/is-running.js';
import { writeError } from '../deliver/write-error.js';

export const LOG_NAME = 'delivery-log.jsonl';

/** One send attempt (or outbox write), one JSON line. */
export interface LogEntry {
  at: string;
  /** Which delivery this is: see deliveryKey. */
  key: string;
  line?: number;
  id?: string;
  to: string;
  /** The attached PDF, relative to the output folder, and the SHA-256 of its bytes. */
  file: string;
  sha256: string;
  /** smtp://user:****@host:port, or "outbox". */
  via: string;
  attempt: number;
  status: 'accepted' | 'failed' | 'outbox';
  permanent?: boolean;
  /** The server's answer (or the error), or the .eml path for the outbox. */
  response: string;
  messageId?: string;
}

/**
 * What makes two deliveries "the same email": the recipient, the row's identity (its id, else the
 * patient's name and treatment time) and the treatment. Not the PDF's hash: the sheet's "Prepared"
 * time changes on every run, so a rerun's PDF differs while it is the same handout for the patient.
 */
export function deliveryKey(row: { email: string; id?: string; name: string; treatedAt: string; treatment: string }): string {
  const at = DateTime.fromISO(row.treatedAt, { setZone: true });
  const identity = row.id !== undefined ? ['id', row.id.trim()] : ['visit', row.name.normalize('NFC').trim(), at.isValid ? at.toMillis() : row.treatedAt];
  return sha256(JSON.stringify([row.email.trim().toLowerCase(), identity, row.treatment.trim().toLowerCase()])).slice(0, 32);
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * `<out>/delivery-log.jsonl`: append-only, one fsync'd line per attempt, so what the server
 * accepted survives a crash. Opening it takes `<out>/delivery-log.lock`, so two runs on the same
 * folder cannot both send the same rows.
 */
export class DeliveryLog {
  private readonly acceptedByKey = new Map<string, LogEntry>();
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    private readonly lockPath: string,
  ) {}

  static open(outDir: string): DeliveryLog {
    const path = join(outDir, LOG_NAME);
    const log = new DeliveryLog(path, join(outDir, 'delivery-log.lock'));
    try {
      mkdirSync(outDir, { recursive: true });
    } catch (e) {
      throw ioError(path, e);
    }
    log.lock();
    try {
      let needsNewline = false;
      if (existsSync(path)) {
        const text = readFileSync(path, 'utf8');
        needsNewline = text.length > 0 && !text.endsWith('\n');
        for (const line of text.split('\n')) log.remember(line);
      }
      log.fd = openSync(path, 'a');
      // A crash in the middle of a line leaves half a line: start the next entry on its own line.
      if (needsNewline) writeSync(log.fd, '\n');
    } catch (e) {
      log.close();
      throw ioError(path, e);
    }
    return log;
  }

  /** The entry of the server's acceptance of this delivery, if any run got one. */
  accepted(key: string): LogEntry | undefined {
    return this.acceptedByKey.get(key);
  }

  append(entry: LogEntry): void {
    if (this.fd === undefined) throw new Error('delivery log is closed');
    try {
      writeSync(this.fd, JSON.stringify(entry) + '\n');
      fsyncSync(this.fd);
    } catch (e) {
      throw ioError(this.path, e);
    }
    if (entry.status === 'accepted') this.acceptedByKey.set(entry.key, entry);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.lockPath, { force: true });
  }

  private remember(line: string): void {
    if (!line.trim()) return;
    try {
      const entry = JSON.parse(line) as LogEntry;
      if (entry.status === 'accepted' && typeof entry.key === 'string') this.acceptedByKey.set(entry.key, entry);
    } catch {
      // A line cut short by a crash: it recorded no acceptance we can trust.
    }
  }

  private lock(): void {
    for (let tries = 0; tries < 2; tries++) {
      try {
        const fd = openSync(this.lockPath, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(this.lockPath, e);
      }
      let pid = 0;
      try {
        pid = Number(readFileSync(this.lockPath, 'utf8').trim());
      } catch {
        continue; // released in the meantime
      }
      if (pid && pid !== process.pid && isRunning(pid)) {
        throw new HandoutError('E_EMAIL', `another handout command (process ${pid}) is sending from ${this.path}`, {
          path: this.lockPath,
          hint: `Wait for it to finish. If no such command is running, delete ${this.lockPath}.`,
        });
      }
      rmSync(this.lockPath, { force: true }); // left behind by a run that was killed
    }
    throw new HandoutError('E_IO', `cannot take the lock ${this.lockPath}`, { path: this.lockPath });
  }
}


function ioError(path: string, e: unknown): HandoutError {
  return writeError(path, e);
}
