import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { HandoutError } from '../errors.js';
import { writeError } from './write-error.js';

export interface WriteOptions {
  /**
   * Flush the file to the disk before the rename (default true), so even a power cut leaves the
   * old file or the whole new one. Without it a killed process still never leaves half a file (the
   * rename is atomic); the batch turns it off because its manifest keeps a checksum of every sheet
   * and a rerun re-makes any that a power cut damaged, and the flush was a sixth of its time.
   */
  durable?: boolean;
  /** The new file's permissions (e.g. those of the file it replaces: a config holding a password stays private); default: the umask's. */
  mode?: number;
}

/**
 * Write to a temporary file beside the target, flush it, then rename: a reader (or a crash) sees
 * either the old file or the whole new one, never half a PDF.
 */
export function writeAtomic(path: string, data: Uint8Array, { durable = true, mode }: WriteOptions = {}): void {
  const dir = dirname(path);
  const tmp = tempFile(path);
  let fd: number | undefined;
  try {
    fd = openCreatingFolder(tmp, dir);
    if (mode !== undefined) fchmodSync(fd, mode);
    writeAll(fd, data);
    if (durable) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
    if (durable) syncFolder(dir);
  } catch (e) {
    // Clean up without letting a second failure (the folder is a file, the disk is gone) hide the first.
    try {
      if (fd !== undefined) closeSync(fd);
    } catch {
      /* already failing */
    }
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing was made */
    }
    throw writeError(path, e);
  }
}

/**
 * writeAtomic without blocking the thread: the same steps, each on libuv's pool. For the server,
 * whose one thread would otherwise wait for the disk's flush of every sheet while other desks wait.
 */
export async function writeAtomicAsync(path: string, data: Uint8Array, { durable = true }: WriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const tmp = tempFile(path);
  let handle: FileHandle | undefined;
  try {
    handle = await openCreatingFolderAsync(tmp, dir);
    for (let done = 0; done < data.length; ) {
      const { bytesWritten } = await handle.write(data, done, data.length - done);
      if (bytesWritten <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
      done += bytesWritten;
    }
    if (durable) await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(tmp, path);
    if (durable) await syncFolderAsync(dir);
  } catch (e) {
    try {
      await handle?.close();
    } catch {
      /* already failing */
    }
    try {
      await rm(tmp, { force: true });
    } catch {
      /* nothing was made */
    }
    throw writeError(path, e);
  }
}

/**
 * writeSync may write only part of the bytes (a nearly full disk writes what fits and says how
 * much): go on until all are written; the next call then fails with the real reason (ENOSPC).
 */
export function writeAll(fd: number, data: Uint8Array): void {
  for (let done = 0; done < data.length; ) {
    const n = writeSync(fd, data, done, data.length - done);
    if (n <= 0) throw Object.assign(new Error('no bytes written'), { code: 'ENOSPC' });
    done += n;
  }
}

/** So the rename itself survives a power cut. Some file systems cannot sync a folder: not an error. */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Open for writing; the folder is made only when it is missing (a batch writes thousands of files into one). */
function openCreatingFolder(file: string, dir: string): number {
  try {
    return openSync(file, 'w');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dir, { recursive: true });
    return openSync(file, 'w');
  }
}

async function syncFolderAsync(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => {});
  }
}

async function openCreatingFolderAsync(file: string, dir: string): Promise<FileHandle> {
  try {
    return await open(file, 'w');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    await mkdir(dir, { recursive: true });
    return await open(file, 'w');
  }
}

/** Beside the target, hidden, named after the process (so a later run can tell an abandoned one). */
const tempFile = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);

/** Join a file name to the output folder, refusing anything that would land outside it. */
export function insideFolder(folder: string, fileName: string): string {
  const root = resolve(folder);
  const target = resolve(root, fileName);
  // relative(), not a prefix test: the root folder "/" has no separator after it.
  const rel = relative(root, target);
  if (!rel || rel.startsWith('..') || isAbsolute(rel) || basename(target) !== fileName) {
    throw new HandoutError('E_IO', `the file name "${fileName}" would leave the output folder ${root}`, { path: fileName });
  }
  return target;
}
