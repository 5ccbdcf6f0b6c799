import { makeHandout, type Handout, type MakeOptions } from '../handout.js';
import type { Resources } from '../resources.js';
import type { Visit } from '../schema/visit.js';
import { handoutFileName } from './file-name.js';
import { insideFolder, writeAtomic, writeAtomicAsync, type WriteOptions } from './write-atomic.js';

export interface WrittenHandout extends Handout {
  /** Absolute path of the PDF written. */
  file: string;
}

export type SheetWriteOptions = WriteOptions & { fileName?: string };

/**
 * Make one visit's sheet and write it atomically into `folder` under its usual name: the one path
 * from a validated visit to a file, shared by `generate` and `demo`; the server and the batch make
 * the bytes in worker threads and write them with `writeSheet`.
 */
export async function makeAndWrite(resources: Resources, visit: Visit, folder: string, options: MakeOptions & SheetWriteOptions): Promise<WrittenHandout> {
  const handout = await makeHandout(resources, visit, options);
  return { ...handout, file: await writeSheet(folder, visit, handout.pdf, options) };
}

/**
 * Write a sheet's bytes atomically into `folder` under the visit's usual name; resolves to the
 * absolute path. A durable write leaves the thread free while the disk flushes (the server serves
 * other desks meanwhile). One that is not only copies the bytes to the system's cache, in a fraction
 * of a millisecond: done right here, it takes a third of the CPU of four trips through libuv's pool
 * (open, write, close, rename), which cost a served sheet a sixth of its time (`npm run bench`).
 */
export async function writeSheet(folder: string, visit: Visit, pdf: Uint8Array, options: SheetWriteOptions = {}): Promise<string> {
  const file = insideFolder(folder, options.fileName ?? handoutFileName(visit));
  if (options.durable === false) writeAtomic(file, pdf, { durable: false });
  else await writeAtomicAsync(file, pdf);
  return file;
}
