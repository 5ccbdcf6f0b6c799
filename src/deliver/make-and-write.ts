import { makeHandout, type Handout, type MakeOptions } from '../handout.js';
import type { Resources } from '../resources.js';
import type { Visit } from '../schema/visit.js';
import { handoutFileName } from './file-name.js';
import { insideFolder, writeAtomic, type WriteOptions } from './write-atomic.js';

export interface WrittenHandout extends Handout {
  /** Absolute path of the PDF written. */
  file: string;
}

/**
 * Make one visit's sheet and write it atomically into `folder` under its usual name: the one path
 * from a validated visit to a file, shared by `generate`, `demo`, the server and (through its
 * workers' bytes) the batch.
 */
export async function makeAndWrite(
  resources: Resources,
  visit: Visit,
  folder: string,
  options: MakeOptions & WriteOptions & { fileName?: string },
): Promise<WrittenHandout> {
  const handout = await makeHandout(resources, visit, options);
  const file = insideFolder(folder, options.fileName ?? handoutFileName(visit));
  writeAtomic(file, handout.pdf, options.durable === undefined ? {} : { durable: options.durable });
  return { ...handout, file };
}

