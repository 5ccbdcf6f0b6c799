import { createHash } from 'node:crypto';
import { closeSync, fstatSync, ftruncateSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeAll, writeAtomic } from '../deliver/write-atomic.js';
import { writeError } from '../deliver/write-error.js';
import { isRunning } from '../deliver/is-running.js';

/** The manifest's name inside each day folder. */
export const MANIFEST = '.handout-batch';

// "<row hash> <PDF hash> protocol=<version, URI-encoded> <file name>"; lines written before the
// protocol version was recorded have no protocol field and are still read.
const ENTRY = /^([0-9a-f]{64}) ([0-9a-f]{64}) (?:protocol=(\S+) )?([^/\\\n]+\.pdf)$/;
const TEMP = /^\..+\.pdf\.(\d+)\.[a-z0-9]+\.tmp$/;

/**
 * What a day folder's sheets were made from: one line per file, "<row hash> <PDF hash>
 * protocol=<version> <file name>" (the version is the wording the sheet carries, see protocol-version.ts).
 * A line is appended only after its PDF has been renamed into place, so the manifest never claims
 * a file that is not there; a line torn by a crash is ignored (and that sheet is simply made again).
 * A file counts as up to date when its line's row hash matches the row's, and the file on disk is
 * still the very PDF that was made (a sheet replaced or damaged since is made again).
 */
export class Manifest {
  private readonly entries = new Map<string, Entry>();
  private readonly path: string;
  /** The file on disk has torn or superseded lines: rewrite it before appending, and at the end. */
  private untidy = false;
  private changed = false;
  /** Open for appending from the first record to close(): one write per sheet, not an open and a close too. */
  private fd: number | undefined;
  /** Bytes of whole lines in the file, while it is open for appending. */
  private size = 0;

  constructor(readonly dir: string) {
    this.path = join(dir, MANIFEST);
    removeAbandonedTemps(dir);
    let text = '';
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return; // a new folder, or no manifest yet: every sheet is made
    }
    const lines = text.split('\n');
    if (lines.pop() !== '') this.untidy = true;
    for (const line of lines) {
      const m = ENTRY.exec(line);
      if (!m) this.untidy = true;
      else {
        if (this.entries.has(m[4]!)) this.untidy = true;
        this.entries.set(m[4]!, { hash: m[1]!, pdf: m[2]!, ...(m[3] !== undefined && { protocol: decodeOr(m[3]) }) });
      }
    }
  }

  isUpToDate(fileName: string, hash: string): boolean {
    const entry = this.entries.get(fileName);
    if (entry?.hash !== hash) return false;
    try {
      return fileHash(join(this.dir, fileName)) === entry.pdf;
    } catch {
      return false;
    }
  }

  /** The protocol version the file's sheet was made with, as recorded. */
  protocolOf(fileName: string): string | undefined {
    return this.entries.get(fileName)?.protocol;
  }

  /** Call only once the PDF is in place. `protocol`: the version of the wording on the sheet. */
  record(fileName: string, hash: string, pdf: string, protocol?: string): void {
    if (this.untidy) this.rewrite();
    if (this.entries.has(fileName)) this.untidy = true;
    const entry: Entry = { hash, pdf, ...(protocol !== undefined && { protocol }) };
    this.entries.set(fileName, entry);
    const bytes = Buffer.from(line(fileName, entry));
    try {
      if (this.fd === undefined) {
        this.fd = openSync(this.path, 'a');
        this.size = fstatSync(this.fd).size;
      }
      writeAll(this.fd, bytes);
      this.size += bytes.length;
    } catch (e) {
      // A line only partly written (a full disk) is taken back, so the file stays whole lines.
      try {
        if (this.fd !== undefined) ftruncateSync(this.fd, this.size);
      } catch {
        /* a torn last line is ignored on the next run anyway */
      }
      throw writeError(this.path, e);
    }
    this.changed = true;
  }

  /** Compact the file at the end of a run (one line per file). */
  close(): void {
    this.closeFile();
    if (this.changed && this.untidy) this.rewrite();
  }

  private closeFile(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private rewrite(): void {
    this.closeFile(); // the rename replaces the file: later lines go to the new one
    const body = [...this.entries].map(([name, e]) => line(name, e)).join('');
    writeAtomic(this.path, Buffer.from(body));
    this.untidy = false;
  }
}

/** A torn or hand-edited field must not stop the batch: it is kept as written. */
function decodeOr(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

interface Entry {
  hash: string;
  pdf: string;
  protocol?: string;
}

const line = (name: string, e: Entry) => `${e.hash} ${e.pdf} ${e.protocol !== undefined ? `protocol=${encodeURIComponent(e.protocol)} ` : ''}${name}\n`;

export const pdfHash = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const chunk = Buffer.allocUnsafe(64 * 1024);

/** pdfHash of a file, read through one reused buffer: a rerun over thousands of sheets allocates nothing per file. */
function fileHash(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    for (let n: number; (n = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** writeAtomic's temporary files left by a process that was killed (never a running one's). */
function removeAbandonedTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // not made yet
  }
  for (const name of names) {
    const pid = TEMP.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}

