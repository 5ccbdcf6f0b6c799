import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBatch, type BatchResult, type BatchRowReport } from '../../src/batch/run-batch.js';
import { ROOT, tempDir } from './cli.js';
import { clinicWith } from './clinic.js';
import { readPdf, type ReadBack } from './pdf.js';
import { NOW } from './resources.js';

export const EXPORTS = join(ROOT, 'test', 'fixtures', 'exports');

/** The balm instruction (rules/protocol.json, "occlusive-balm"): on aggressive sheets only. */
export const BALM = 'use a thick, sealing (occlusive) balm';

/** Run the batch in-process (worker threads render, as in the CLI) on an export, with a clinic config made of `config`. */
export async function batchOf(file: string, config: Record<string, unknown>, options: { sheet?: string; day?: string } = {}): Promise<BatchResult> {
  return runBatch(file.includes('/') ? file : join(EXPORTS, file), { out: tempDir(), configPath: clinicWith(config), now: NOW, jobs: 1, ...options });
}

/** The sheet made for a row, read back as a patient's viewer would. */
export async function sheetOf(row: BatchRowReport | undefined): Promise<ReadBack> {
  if (!row?.file) throw new Error(`no sheet for ${JSON.stringify(row)}`);
  return readPdf(readFileSync(row.file));
}

export const byLine = (result: BatchResult, line: number) => result.rows.find((r) => r.line === line);
