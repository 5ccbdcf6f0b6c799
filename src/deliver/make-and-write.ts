import { makeHandout, type Handout, type MakeOptions, type Resources } from '../handout.js';
import type { Visit } from '../rules/to-visit.js';
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
  const file = insideFolder(folder, options.fileName ?? handout.fileName);
  writeAtomic(file, handout.pdf, options.durable === undefined ? {} : { durable: options.durable });
  return { ...handout, file };
}

