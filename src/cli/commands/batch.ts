import { DateTime } from 'luxon';
import type { Worker } from 'node:worker_threads';
import { BatchStopped } from '../../batch/batch-stopped.js';
import { progressBar } from '../../batch/progress.js';
import { rejectionLines, reportJson, skippedLines, summaryLine } from '../../batch/report.js';
import { runBatch, type BatchResult } from '../../batch/run-batch.js';
import { HandoutError, quote } from '../../errors.js';
import { createContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export { BatchStopped };

export interface BatchFlags {
  out: string;
  day?: string;
  jobs?: string;
  config?: string;
  json?: boolean;
  sheet?: string;
}

export interface BatchOutput {
  result: BatchResult;
  exitCode: number;
  /** For stderr: one entry per problem of a rejected row. */
  problems: string[];
  /** For stdout, before the summary: one line per row passed over (cancelled, another service). */
  skipped: string[];
  /** For stdout: the summary, or the JSON report. */
  report: string;
  /** For stderr with HANDOUT_BENCH=1: the process's peak memory, worker threads included. */
  bench?: string;
}

/** `handout batch <file>`: every sheet of an appointments export. */
export async function batch(file: string, flags: BatchFlags, warn: (m: string) => void, progress?: (s: string) => void, workers?: Worker[]): Promise<BatchOutput> {
  const day = parseDay(flags.day);
  const jobs = parseJobs(flags.jobs);
  const ctx = createContext(flags.config, warn);
  const bar = progress ? progressBar(progress) : undefined;
  let result: BatchResult;
  try {
    result = await runBatch(file, {
      out: flags.out,
      configPath: ctx.resources.paths.config,
      now: ctx.now,
      ...(day && { day }),
      ...(jobs && { jobs }),
      ...(flags.sheet !== undefined && { sheet: flags.sheet }),
      ...(bar && { onProgress: bar.update }),
      ...(workers && { workers }),
    });
  } finally {
    bar?.clear();
  }
  return {
    result,
    exitCode: result.rejected ? EXIT.someRowsRejected : EXIT.ok,
    problems: flags.json ? [] : rejectionLines(result.rows),
    skipped: flags.json ? [] : skippedLines(result.rows),
    report: flags.json ? JSON.stringify(reportJson(result)) : summaryLine(result),
    ...(process.env.HANDOUT_BENCH === '1' && { bench: `bench: peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB (whole process, worker threads included)` }),
  };
}

function parseDay(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid) return value;
  throw new HandoutError('E_INPUT', `--day: ${quote(value)} is not a date`, { path: '--day', hint: 'Use a date like 2026-11-23.' });
}

function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= 64) return n;
  throw new HandoutError('E_INPUT', `--jobs: ${quote(value)} is not a number of workers`, { path: '--jobs', hint: 'Use a whole number from 1 to 64 (default: the number of cores).' });
}
