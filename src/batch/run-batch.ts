// TEMPORARY stand-in for the real `batch` module (built on branch `batch`), so that `handout email`
// can be developed and tested before it lands. Same exported signature; reads a JSON array only.
// The lead drops this file when merging the real one.
import type { DateTime } from 'luxon';
import { HandoutError, HandoutErrors, isHandoutError } from '../errors.js';
import { makeHandout, Resources, validateVisit } from '../handout.js';
import { insideFolder, writeAtomic } from '../deliver/write-atomic.js';
import { readDataFile } from '../load/read-data-file.js';
import { join, resolve } from 'node:path';

export interface BatchRowReport {
  line: number;
  id?: string;
  name?: string;
  email?: string;
  language?: string;
  treatment?: string;
  treatedAt?: string; // ISO with offset
  status: 'made' | 'unchanged' | 'rejected';
  file?: string; // absolute path of the PDF for made/unchanged
  errors?: { code: string; message: string; path?: string; hint?: string }[];
}
export interface BatchOptions {
  out: string;
  day?: string;
  jobs?: number;
  configPath: string;
  now: DateTime;
  onProgress?: (done: number, total?: number) => void;
}
export interface BatchResult {
  rows: BatchRowReport[];
  made: number;
  unchanged: number;
  rejected: number;
  outDir: string;
}

export async function runBatch(file: string, options: BatchOptions): Promise<BatchResult> {
  const raw = readDataFile(file, 'E_INPUT');
  if (!Array.isArray(raw)) throw new HandoutError('E_INPUT', `${file}: expected a JSON array of appointments`);
  const resources = new Resources({ config: options.configPath });
  const rows: BatchRowReport[] = [];
  for (const [i, row] of raw.entries()) {
    const line = i + 1;
    try {
      const visit = validateVisit(resources, row, { now: options.now });
      const day = visit.treatedAt.toFormat('yyyy-MM-dd');
      if (options.day && options.day !== day) continue;
      const handout = await makeHandout(resources, visit, { now: options.now });
      const path = insideFolder(join(options.out, day), handout.fileName);
      writeAtomic(path, handout.pdf);
      rows.push({
        line,
        ...(visit.id !== undefined && { id: visit.id }),
        name: visit.patient.name,
        ...(visit.email !== undefined && { email: visit.email }),
        language: visit.language,
        treatment: visit.treatment,
        treatedAt: visit.treatedAt.toISO() ?? undefined,
        status: 'made',
        file: path,
      });
    } catch (e) {
      if (!isHandoutError(e)) throw e;
      const errors = e instanceof HandoutErrors ? e.errors : [e];
      rows.push({ line, status: 'rejected', errors: errors.map((x) => x.toJSON()) });
    }
    options.onProgress?.(rows.length, raw.length);
  }
  const count = (s: BatchRowReport['status']) => rows.filter((r) => r.status === s).length;
  return { rows, made: count('made'), unchanged: count('unchanged'), rejected: count('rejected'), outDir: resolve(options.out) };
}
