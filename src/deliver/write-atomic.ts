import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { HandoutError } from '../errors.js';

export interface WriteOptions {
  /**
   * Flush the file to the disk before the rename (default true), so even a power cut leaves the
   * old file or the whole new one. Without it a killed process still never leaves half a file (the
   * rename is atomic); the batch turns it off because its manifest keeps a checksum of every sheet
   * and a rerun re-makes any that a power cut damaged, and the flush was a sixth of its time.
   */
  durable?: boolean;
}

/**
 * Write to a temporary file beside the target, flush it, then rename: a reader (or a crash) sees
 * either the old file or the whole new one, never half a PDF.
 */
export function writeAtomic(path: string, data: Uint8Array, { durable = true }: WriteOptions = {}): void {
  const dir = dirname(path);
  const tmp = tempFile(path);
  try {
    const fd = openCreatingFolder(tmp, dir);
    try {
      writeSync(fd, data);
      if (durable) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw cannotWrite(path, e);
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

/** Beside the target, hidden, named after the process (so a later run can tell an abandoned one). */
const tempFile = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);

const cannotWrite = (path: string, e: unknown) =>
  new HandoutError('E_IO', `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
    path,
    hint: 'Check that the output folder exists or can be created, and that you may write there.',
  });

/** Join a file name to the output folder, refusing anything that would land outside it. */
export function insideFolder(folder: string, fileName: string): string {
  const root = resolve(folder);
  const target = resolve(root, fileName);
  if (!target.startsWith(root + sep) || basename(target) !== fileName) {
    throw new HandoutError('E_IO', `the file name "${fileName}" would leave the output folder ${root}`, { path: fileName });
  }
  return target;
}
