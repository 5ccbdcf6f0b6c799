import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchStopped } from '../batch/batch-stopped.js';
import { reportJson } from '../batch/report.js';
import { runBatch, type BatchResult } from '../batch/run-batch.js';
import type { RenderPool } from '../batch/render-pool.js';
import { HandoutError, isHandoutError } from '../errors.js';
import type { Resources } from '../resources.js';
import type { ReadingSettings } from '../batch/service-status.js';
import type { Visit } from '../schema/visit.js';
import type { DateTime } from 'luxon';
import { errorResponse, type ApiError } from './http-errors.js';
import { Serial } from './serial.js';
import type { EmailJob } from './email-jobs.js';
import { cleanFileName, Uploads, type Upload } from './uploads.js';

export interface BatchJob {
  id: string;
  /** The uploaded file's name, as the person chose it (for the page). */
  fileName: string;
  status: 'running' | 'done' | 'failed';
  done: number;
  total?: number;
  result?: BatchResult;
  /** Each made sheet's validated visit, by its row's line: the email's calendar and a locked copy need it. */
  visits: Map<number, Visit>;
  /** Why the batch stopped (the batch's own error, with the upload's name instead of a temp path). */
  errors?: ApiError[];
  httpStatus?: number;
  finished: Promise<void>;
  email?: EmailJob;
}

/** File extensions by media type, so the batch reads an upload as it reads a file of that type. */
const EXTENSIONS: Record<string, string> = {
  'text/csv': '.csv',
  'application/csv': '.csv',
  'text/tab-separated-values': '.tsv',
  'text/plain': '.txt',
  'application/json': '.json',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.ms-excel': '.xls',
};
export const extensionFor = (type: string | undefined, name: string): string => {
  const fromName = /\.(csv|tsv|txt|json|xlsx|xls)$/i.exec(name)?.[0];
  return fromName?.toLowerCase() ?? EXTENSIONS[(type ?? '').split(';')[0]!.trim().toLowerCase()] ?? '.csv';
};

const KEEP = 50;

/** What a batch reads: bytes sent with the request, or an upload kept for the mapping step (with how to read it, when not as the config says). */
export type BatchInput = { bytes: Uint8Array; type?: string } | { upload: Upload; reading?: ReadingSettings };

/**
 * The day's uploads: each runs `runBatch` (the CLI's batch: same workers, manifest, atomic writes)
 * on the uploaded bytes, one batch at a time (they share the cores). The last few are kept in
 * memory by a random id, so a reload finds its table again.
 */
export class BatchJobs {
  private readonly jobs = new Map<string, BatchJob>();
  private readonly queue = new Serial();
  /** Exports waiting for the mapping step (POST /api/batches/inspect), by id. */
  readonly uploads = new Uploads();

  /** `resources()`: the server's Resources at the time a batch starts (saving a mapping replaces them). */
  constructor(
    private readonly deps: {
      resources(): Resources;
      outDir: string;
      clock(): DateTime;
      jobs?: number;
      /** The server's render threads, when it has them (see SheetRenderer.lend); not with `jobs`, which asks for threads of the batch's own. */
      lend?(resources: Resources, now: DateTime): { pool: RenderPool; release(): void } | undefined;
    },
  ) {}

  get(id: string): BatchJob | undefined {
    return this.jobs.get(id);
  }

  start(input: BatchInput, options: { fileName?: string; day?: string }): BatchJob {
    const fileName = 'upload' in input ? input.upload.fileName : cleanFileName(options.fileName);
    const job: BatchJob = { id: randomBytes(12).toString('base64url'), fileName, status: 'running', done: 0, visits: new Map(), finished: Promise.resolve() };
    this.remember(job);
    job.finished = this.queue.run(() => this.run(job, input, options));
    return job;
  }

  private async run(job: BatchJob, input: BatchInput, options: { day?: string }): Promise<void> {
    // Bytes sent with the request go to a private temp file for the batch alone; a kept upload is
    // read where it is, and let go once its sheets are made.
    const dir = 'bytes' in input ? mkdtempSync(join(tmpdir(), 'handout-upload-')) : undefined;
    const file = 'bytes' in input ? join(dir!, `appointments${extensionFor(input.type, job.fileName)}`) : input.upload.file;
    let lent: { pool: RenderPool; release(): void } | undefined;
    try {
      if ('bytes' in input) writeFileSync(file, input.bytes, { mode: 0o600 });
      const resources = this.deps.resources();
      const now = this.deps.clock();
      lent = this.deps.jobs ? undefined : this.deps.lend?.(resources, now);
      const pool = lent?.pool;
      job.result = await runBatch(file, {
        out: this.deps.outDir,
        configPath: resources.paths.config,
        resources,
        now,
        ...(pool && { pool }),
        ...('reading' in input && input.reading && { reading: input.reading }),
        ...(options.day && { day: options.day }),
        ...(this.deps.jobs && { jobs: this.deps.jobs }),
        onSheet: (report, visit) => job.visits.set(report.line, visit),
        onProgress: (done, total) => {
          job.done = done;
          if (total !== undefined) job.total = total;
        },
      });
      job.status = 'done';
      if ('upload' in input) this.uploads.remove(input.upload.id);
    } catch (e) {
      job.status = 'failed';
      // The batch names the file it read: the person uploaded "<their name>", not our temp copy.
      const named = isHandoutError(e) ? renamed(e, file, job.fileName) : e;
      const { status, body } = errorResponse(named);
      job.httpStatus = status;
      job.errors = body.errors;
    } finally {
      lent?.release();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }

  private remember(job: BatchJob): void {
    this.jobs.set(job.id, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= KEEP) break;
      if (old.status !== 'running' && old.email?.status !== 'running') this.jobs.delete(id);
    }
  }
}

/** A batch error names the file it read: the person uploaded "<their name>", not our temp copy. */
export function renamed(e: HandoutError, from: string, to: string): HandoutError {
  const fix = (s: string | undefined) => s?.split(from).join(to);
  const Kind = e instanceof BatchStopped ? BatchStopped : HandoutError;
  const hint = fix(e.hint);
  return new Kind(e.code, fix(e.message)!, { path: to, ...(hint !== undefined && { hint }) });
}

/** The batch's JSON report (as `handout batch --json`), plus the id. */
export const batchReport = (job: BatchJob): object => ({ id: job.id, ...reportJson(job.result!) });
