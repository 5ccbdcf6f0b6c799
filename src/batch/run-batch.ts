import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { insideFolder, writeAtomic } from '../deliver/write-atomic.js';
import { HandoutError, isHandoutError, type ErrorCode } from '../errors.js';
import { validateVisit } from '../handout.js';
import { Resources } from '../resources.js';
import { handoutFileName } from '../deliver/file-name.js';
import type { Clinic } from '../schema/clinic.js';
import type { Visit } from '../schema/visit.js';
import { resourcesFingerprint, rowHash } from './fingerprint.js';
import { notARegularFile } from '../load/regular-file.js';
import { BatchStopped } from './batch-stopped.js';
import { DayFolders } from './day-folders.js';
import { pdfHash, type Manifest } from './manifest.js';
import { openRows } from './read-rows.js';
import type { RowSource, SourceRow } from './source-row.js';
import { serviceMapMissing } from './services-missing.js';
import { visitFilter, type ReadingSettings } from './service-status.js';
import { RenderPool, WORKER_FILE } from './render-pool.js';
import { errorsOf, visitData, type ErrorJson, type RenderJob, type RenderOutcome } from './render-row.js';
import { fieldNamer, rowFields, type RowFields, type RowSettings } from './row-fields.js';
import { rejectedReport, sheetReport, skippedReport, type BatchRowReport } from './row-reports.js';

export type { BatchRowReport };

export interface BatchOptions {
  out: string;
  /** YYYY-MM-DD: only the visits of that (local) day. */
  day?: string;
  /** A workbook's sheet by name (default: the first). */
  sheet?: string;
  /** Worker threads; default: the number of cores. */
  jobs?: number;
  /**
   * Render threads the caller lends (the server's, warm, with the same clinic): used instead of
   * starting others, and left running. Each row then carries the batch's clock.
   */
  pool?: RenderPool;
  configPath: string;
  /** The caller's Resources for the same config (the server's, loaded once); default: loaded here. */
  resources?: Resources;
  now: DateTime;
  /** Worker threads already started (bin/handout.js starts them while the CLI loads); used first. */
  workers?: Worker[];
  /** Rows finished so far (made, unchanged, rejected or of another day), and how many the file has once known. */
  onProgress?: (done: number, total?: number) => void;
  /** Each row that gets (or already has) a sheet, with its validated visit: `email` builds the calendar and the locked copy from it. */
  onSheet?: (report: BatchRowReport, visit: Visit) => void;
  /** How to read this file instead of the clinic config's own `columns`, `services`, `statuses`... (the front-desk page's "go on without saving"). */
  reading?: ReadingSettings;
}

export interface BatchResult {
  rows: BatchRowReport[];
  made: number;
  unchanged: number;
  rejected: number;
  /** Rows passed over: cancelled, no-show, or a service the config does not map. */
  skipped: number;
  outDir: string;
  /** Rows left out by `day` (not in `rows`). */
  otherDays?: number;
  /** The protocol version (the clinic's label or the files' short hash) of the sheets made. */
  protocol: string;
}

/** Validate one row (here, once: the workers get the validated visit): a visit, or every error found. */
function checkRow(resources: Resources, row: SourceRow, settings: RowSettings, now: DateTime): { fields: RowFields; visit?: Visit; errors: ErrorJson[] } {
  const fields = rowFields(row, settings);
  if (fields.skip) return { fields, errors: [] };
  const errors: HandoutError[] = [...fields.errors];
  let visit: Visit | undefined;
  if (Object.keys(fields.input).length) {
    try {
      visit = validateVisit(resources, fields.input, { now, fieldName: fieldNamer(fields.names) });
    } catch (e) {
      if (!isHandoutError(e)) throw e;
      errors.push(e);
    }
  }
  return errors.length ? { fields, errors: errors.flatMap(errorsOf) } : { fields, visit: visit!, errors: [] };
}

/** Largest appointments export read: a CSV is streamed, but a JSON list is read whole. */
const EXPORT_MAX_BYTES = 200 * 1024 * 1024;

/** A named pipe, a device or a huge file would hang or swamp the batch: refuse it before opening it. */
function refuseOddFile(file: string): void {
  const problem = notARegularFile(file, EXPORT_MAX_BYTES);
  if (problem) throw new BatchStopped('E_IO', `${file} ${problem}`, { path: file, hint: 'Give the path of the appointments file exported from the booking system.' });
}

/** Errors of the set-up (config, rules, templates), not of a row. */
const SETUP_CODES = new Set(['E_CONFIG', 'E_RULES', 'E_TEMPLATE']);

/** Rows in flight per worker: enough that no worker waits for the next row, few enough to keep memory flat. */
const IN_FLIGHT_PER_WORKER = 3;

/**
 * Make a sheet for every visit of an appointments file (CSV or JSON). Rows are read one at a time,
 * validated here, and rendered by worker threads; each PDF comes back here and is written atomically. A bad row is
 * reported and never stops the others; a sheet already made from the same row, config, rules and
 * templates is left alone. Throws BatchStopped (or a set-up HandoutError) when the batch cannot go on.
 */
export async function runBatch(file: string, options: BatchOptions): Promise<BatchResult> {
  const run = new BatchRun(file, options);
  try {
    for await (const row of run.source.rows) {
      if (run.stopped) break;
      await run.take(row);
    }
  } finally {
    await run.close();
  }
  if (run.stopped) throw run.stopped;
  return run.result;
}

/** A sheet sent to a worker, and what to do with its PDF when it comes back. */
interface PendingSheet {
  job: RenderJob;
  report: BatchRowReport;
  target: string;
  name: string;
  hash: string;
  manifest: Manifest;
}

/** One run of runBatch: its settings, the render pool, the day folders, and what it has found so far. */
class BatchRun {
  readonly source: RowSource;
  readonly result: BatchResult;
  /** What stops the run (a sheet that cannot be written, a worker that died, a set-up error): no more rows are taken. */
  stopped: Error | undefined;
  private readonly resources: Resources;
  private readonly clinic: Clinic & ReadingSettings;
  private readonly settings: RowSettings;
  private readonly fingerprint: string;
  private readonly jobs: number;
  private readonly pool: RenderPool;
  private readonly folders: DayFolders;
  private readonly rendering = new Set<Promise<void>>();
  private readonly tick: () => void;

  constructor(
    private readonly file: string,
    private readonly options: BatchOptions,
  ) {
    this.resources = options.resources ?? new Resources({ config: options.configPath });
    this.clinic = { ...this.resources.clinic.clinic, ...options.reading };
    const outDir = resolve(options.out);
    refuseOddFile(file);
    this.source = openRows(file, this.readOptions());
    this.settings = { filter: visitFilter(this.clinic), dateOrder: this.clinic.dateOrder };
    this.fingerprint = resourcesFingerprint(this.resources, WORKER_FILE);
    const protocol = this.resources.rules.protocol!.version;
    this.jobs = options.pool?.threads ?? options.jobs ?? availableParallelism();
    this.pool = options.pool ?? new RenderPool(this.jobs, { config: options.configPath, now: options.now.toISO()! }, options.workers);
    this.folders = new DayFolders(outDir);
    this.result = { rows: [], made: 0, unchanged: 0, rejected: 0, skipped: 0, outDir, protocol };
    this.tick = progressTicker(this.source, options.onProgress);
  }

  /** One row: of another day, not an aftercare visit, rejected, already made, or sent to render. */
  async take(row: SourceRow): Promise<void> {
    await this.refuseUnmappedServices(row);
    const { fields, visit, errors } = checkRow(this.resources, row, this.settings, this.options.now);
    const day = visit?.treatedAt.toISODate() ?? fields.day;
    if (this.options.day && day && day !== this.options.day) {
      this.result.otherDays = (this.result.otherDays ?? 0) + 1;
      return this.tick();
    }
    if (fields.skip) return this.passOver('skipped', skippedReport(row.line, fields));
    if (!visit) return this.passOver('rejected', rejectedReport(row.line, fields, errors));
    await this.sheet(row.line, fields.names, visit, day!);
  }

  /** Let sheets already being rendered land (a stop mid-file keeps every finished sheet), then stop the workers and close the folders. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.rendering]);
    if (!this.options.pool) await this.pool.close();
    this.folders.close();
  }

  private readOptions() {
    return { ...(this.clinic.columns && { mapping: this.clinic.columns }), ...(this.options.sheet !== undefined && { sheet: this.options.sheet }) };
  }

  /** Services named but none mapped: say which services the file has before making anything. */
  private async refuseUnmappedServices(row: SourceRow): Promise<void> {
    if (!this.settings.filter.services && row.columns.index.service !== undefined && row.columns.index.treatment === undefined) {
      throw await serviceMapMissing(this.file, row.columns, this.readOptions());
    }
  }

  private passOver(status: 'skipped' | 'rejected', report: BatchRowReport): void {
    this.result.rows.push(report);
    this.result[status]++;
    this.tick();
  }

  /** A valid visit: its file in its day's folder, left alone when up to date, else rendered (at most a few rows in flight per worker). */
  private async sheet(line: number, names: RowFields['names'], visit: Visit, day: string): Promise<void> {
    const folder = this.folders.folderFor(day);
    const name = folder.names.take(handoutFileName(visit));
    const target = insideFolder(folder.dir, name);
    const hash = rowHash(this.fingerprint, visit);
    const report = sheetReport(line, visit, target);
    this.result.rows.push(report);
    this.options.onSheet?.(report, visit);
    if (folder.manifest.isUpToDate(name, hash)) {
      this.result.unchanged++;
      return this.tick();
    }
    await this.pool.ready(this.jobs * IN_FLIGHT_PER_WORKER);
    // Lent threads were started with their owner's clock; each row says the batch's.
    const job = { visit: visitData(visit), names, ...(this.options.pool && { now: this.options.now.toISO()! }) };
    this.render({ job, report, target, name, hash, manifest: folder.manifest });
  }

  private render(sheet: PendingSheet): void {
    const job = this.pool
      .submit(sheet.job)
      .then((outcome: RenderOutcome) => this.landed(sheet, outcome))
      .catch((e: Error) => {
        // A sheet that cannot be written (E_IO: exit 5, naming why) or a worker that died stops the batch; made sheets are kept.
        this.stopped ??= e;
      })
      .finally(() => this.rendering.delete(job));
    this.rendering.add(job);
  }

  private landed(sheet: PendingSheet, outcome: RenderOutcome): void {
    if (outcome.status === 'rendered') this.write(sheet, outcome.pdf);
    // A broken rule or template fails every row of its language: a set-up error (exit 3), not rejected rows.
    else if (outcome.errors.some((e) => SETUP_CODES.has(e.code))) this.stopped ??= setupError(outcome.errors);
    else this.unprintable(sheet.report, outcome.errors);
    this.tick();
  }

  /** Written here: the workers only render (a write is mostly waiting on the disk, and this thread has time). */
  private write(sheet: PendingSheet, pdf: Uint8Array): void {
    writeAtomic(sheet.target, pdf, { durable: false });
    sheet.manifest.record(sheet.name, sheet.hash, pdfHash(pdf), this.result.protocol);
    sheet.report.status = 'made';
    this.result.made++;
  }

  /** Validated here already; only printing can fail (a glyph the font lacks, a note too long to fit). */
  private unprintable(report: BatchRowReport, errors: ErrorJson[]): void {
    Object.assign(report, { status: 'rejected', errors });
    delete report.file;
    this.result.rejected++;
  }
}

/** The first set-up error of a row's outcome, as the error that stops the batch. */
function setupError(errors: ErrorJson[]): HandoutError {
  const e = errors.find((x) => SETUP_CODES.has(x.code))!;
  return new HandoutError(e.code as ErrorCode, e.message, { ...(e.path && { path: e.path }), ...(e.hint && { hint: e.hint }) });
}

/** Counts the rows finished for `onProgress`, with the file's row count once the source knows it. */
function progressTicker(source: RowSource, progress: BatchOptions['onProgress']): () => void {
  let done = 0;
  let total: number | undefined;
  if (progress && source.count) {
    void source.count().then((n) => {
      total = n;
      progress(done, total);
    });
  }
  return () => progress?.(++done, total);
}
