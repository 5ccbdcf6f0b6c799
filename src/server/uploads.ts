import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Upload {
  id: string;
  /** The file's name as the person chose it (for the page and messages). */
  fileName: string;
  /** The bytes, in a private temporary folder, under a name whose extension says how to read them. */
  file: string;
  at: number;
}

const KEEP = 10;
const KEEP_MS = 60 * 60_000;

/** A name as the page may show it: no control characters or slashes, at most 120 characters. */
export const cleanFileName = (name: string | undefined): string => (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '').slice(0, 120) || 'the upload';

/**
 * Exports uploaded to be looked at before their batch runs (the front-desk page's mapping step):
 * kept in one private temporary folder (0700, files 0600) until their batch has made the sheets,
 * for at most an hour, the newest ten; the folder goes when the server stops. They hold patient
 * names: nothing else keeps them, and nothing logs them.
 */
export class Uploads {
  private dir?: string;
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly now: () => number = Date.now) {}

  add(bytes: Uint8Array, fileName: string, extension: string): Upload {
    this.forgetOld();
    this.dir ??= mkdtempSync(join(tmpdir(), 'handout-uploads-'));
    const id = randomBytes(12).toString('base64url');
    const file = join(this.dir, `${id}${extension}`);
    writeFileSync(file, bytes, { mode: 0o600 });
    const upload = { id, fileName: cleanFileName(fileName), file, at: this.now() };
    this.uploads.set(id, upload);
    while (this.uploads.size > KEEP) this.remove(this.uploads.keys().next().value!);
    return upload;
  }

  get(id: string): Upload | undefined {
    this.forgetOld();
    return this.uploads.get(id);
  }

  remove(id: string): void {
    const upload = this.uploads.get(id);
    if (!upload) return;
    this.uploads.delete(id);
    rmSync(upload.file, { force: true });
  }

  /** Every upload and the folder (the server is stopping). */
  close(): void {
    this.uploads.clear();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private forgetOld(): void {
    const limit = this.now() - KEEP_MS;
    for (const [id, u] of this.uploads) if (u.at < limit) this.remove(id);
  }
}
