import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { join, resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { insideFolder, writeAtomic } from '../deliver/write-atomic.js';
import { HandoutError, isHandoutError, type ErrorCode } from '../errors.js';
import { validateVisit } from '../handout.js';
import { Resources } from '../resources.js';
import { handoutFileName } from '../deliver/file-name.js';
import type { Visit } from '../schema/visit.js';
import { resourcesFingerprint, rowHash } from './fingerprint.js';
import { notARegularFile } from '../load/regular-file.js';
import { planKey } from '../rules/plan-key.js';
import { takeLock, type FolderLock } from '../deliver/folder-lock.js';
import { assertRealFolderInside } from '../deliver/real-folder.js';
import { writeError } from '../deliver/write-error.js';
import { mkdirSync } from 'node:fs';
import { BatchStopped } from './batch-stopped.js';
import { Manifest, pdfHash } from './manifest.js';
import { openRows } from './read-rows.js';
import type { SourceRow } from './source-row.js';
import { serviceMapMissing } from './services-missing.js';
import { visitFilter, type ReadingSettings } from './service-status.js';
import { RenderPool, WORKER_FILE } from './render-pool.js';
import { errorsOf, visitData, type ErrorJson, type RenderOutcome } from './render-row.js';
import { fieldNamer, rowFields, type RowFields, type RowSettings } from './row-fields.js';
import { UniqueNames } from './unique-names.js';

export interface BatchRowReport {
  /** CSV line as a spreadsheet shows it (header = 1), or 1-based index for JSON. */
  line: number;
  id?: string;
  name?: string;
  email?: string;
  language?: string;
  treatment?: string;
  /** ISO with offset. */
  treatedAt?: string;
  /** What the sheet's instructions depend on (src/rules/plan-key.ts): the email run re-sends a changed one. */
  plan?: string;
  /** unchanged = an up-to-date file was already there (rerun); skipped = not an aftercare visit (cancelled, another service). */
  status: 'made' | 'unchanged' | 'rejected' | 'skipped';
  /** For skipped: why, naming the column and its value. */
  reason?: string;
  /** Absolute path of the PDF, for made and unchanged. */
  file?: string;
  /** For rejected. */
  errors?: ErrorJson[];
}

export interface BatchOptions {
  out: string;
  /** YYYY-MM-DD: only the visits of that (local) day. */
  day?: string;
  /** A workbook's sheet by name (default: the first). */
  sheet?: string;
  /** Worker threads; default: the number of cores. */
  jobs?: number;
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

function sheetReport(line: number, visit: Visit, file: string): BatchRowReport {
  return {
    line,
    ...(visit.id !== undefined && { id: visit.id }),
    name: visit.patient.name,
    ...(visit.email !== undefined && { email: visit.email }),
    language: visit.language,
    treatment: visit.treatment,
    treatedAt: visit.treatedAt.toISO({ suppressMilliseconds: true }),
    plan: planKey(visit),
    status: 'unchanged',
    file,
  };
}

/** A bad row: its line, what can identify it (id, name; never the whole row) and every error. */
function rejectedReport(line: number, fields: RowFields, errors: ErrorJson[]): BatchRowReport {
  const given = (key: 'id' | 'name' | 'email' | 'language' | 'treatment') => {
    const v = fields.input[key];
    return typeof v === 'string' && v.trim() ? { [key]: v.trim() } : {};
  };
  return { line, ...given('id'), ...given('name'), ...given('email'), ...given('language'), ...given('treatment'), status: 'rejected', errors };
}

/** A row that is not an aftercare visit: its line, id and the reason (never the name: the row may be anyone's booking). */
function skippedReport(line: number, fields: RowFields): BatchRowReport {
  const id = fields.input.id;
  return { line, ...(typeof id === 'string' && id.trim() && { id: id.trim() }), status: 'skipped', reason: fields.skip! };
}

/** Largest appointments export read: a CSV is streamed, but a JSON list is read whole. */
const EXPORT_MAX_BYTES = 200 * 1024 * 1024;

/** A named pipe, a device or a huge file would hang or swamp the batch: refuse it before opening it. */
function refuseOddFile(file: string): void {
  const problem = notARegularFile(file, EXPORT_MAX_BYTES);
  if (problem) throw new BatchStopped('E_IO', `${file} ${problem}`, { path: file, hint: 'Give the path of the appointments file exported from the booking system.' });
}

/**
 * One batch at a time per output folder, taken before the first sheet's folder is touched (a file
 * that cannot be read leaves no folder behind): a second would make every sheet again and write
 * each manifest twice.
 */
function lockOutput(outDir: string): FolderLock {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw writeError(join(outDir, LOCK_NAME), e);
  }
  return takeLock(join(outDir, LOCK_NAME), (pid) =>
    new BatchStopped('E_IO', `another handout command (process ${pid}) is making sheets in ${outDir}`, {
      path: join(outDir, LOCK_NAME),
      hint: `Wait for it to finish. If no such command is running, delete ${join(outDir, LOCK_NAME)}.`,
    }),
  );
}

const LOCK_NAME = '.handout-batch.lock';

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
  const resources = options.resources ?? new Resources({ config: options.configPath });
  const clinic = { ...resources.clinic.clinic, ...options.reading };
  const outDir = resolve(options.out);
  refuseOddFile(file);
  const source = openRows(file, { ...(clinic.columns && { mapping: clinic.columns }), ...(options.sheet !== undefined && { sheet: options.sheet }) });
  const settings: RowSettings = { filter: visitFilter(clinic), dateOrder: clinic.dateOrder };
  const fingerprint = resourcesFingerprint(resources, WORKER_FILE);
  const protocol = resources.rules.protocol!.version;
  const jobs = options.jobs ?? availableParallelism();
  const pool = new RenderPool(jobs, { config: options.configPath, now: options.now.toISO()! }, options.workers);
  const days = new Map<string, { manifest: Manifest; names: UniqueNames }>();
  const result: BatchResult = { rows: [], made: 0, unchanged: 0, rejected: 0, skipped: 0, outDir, protocol };

  let done = 0;
  let total: number | undefined;
  const progress = options.onProgress;
  const tick = () => progress?.(++done, total);
  if (progress && source.count) {
    void source.count().then((n) => {
      total = n;
      progress(done, total);
    });
  }
  let stopped: Error | undefined;
  let lock: FolderLock | undefined;
  const rendering = new Set<Promise<void>>();

  try {
    for await (const row of source.rows) {
      if (stopped) break;
      // Services named but none mapped: say which services the file has before making anything.
      if (!settings.filter.services && row.columns.index.service !== undefined && row.columns.index.treatment === undefined) {
        throw await serviceMapMissing(file, row.columns, { ...(clinic.columns && { mapping: clinic.columns }), ...(options.sheet !== undefined && { sheet: options.sheet }) });
      }
      const { fields, visit, errors } = checkRow(resources, row, settings, options.now);
      const day = visit?.treatedAt.toISODate() ?? fields.day;
      if (options.day && day && day !== options.day) {
        result.otherDays = (result.otherDays ?? 0) + 1;
        tick();
        continue;
      }
      if (fields.skip) {
        result.rows.push(skippedReport(row.line, fields));
        result.skipped++;
        tick();
        continue;
      }
      if (!visit) {
        result.rows.push(rejectedReport(row.line, fields, errors));
        result.rejected++;
        tick();
        continue;
      }

      let folder = days.get(day!);
      const dir = join(outDir, day!);
      if (!folder) {
        lock ??= lockOutput(outDir);
        assertRealFolderInside(outDir, dir);
        days.set(day!, (folder = { manifest: new Manifest(dir), names: new UniqueNames() }));
      }
      const name = folder.names.take(handoutFileName(visit));
      const target = insideFolder(dir, name);
      const hash = rowHash(fingerprint, visit);
      const report = sheetReport(row.line, visit, target);
      result.rows.push(report);
      options.onSheet?.(report, visit);
      if (folder.manifest.isUpToDate(name, hash)) {
        result.unchanged++;
        tick();
        continue;
      }

      await pool.ready(jobs * IN_FLIGHT_PER_WORKER);
      const manifest = folder.manifest;
      const job = pool
        .submit({ visit: visitData(visit), names: fields.names })
        .then((outcome: RenderOutcome) => {
          if (outcome.status === 'rendered') {
            // Written here: the workers only render (a write is mostly waiting on the disk, and this thread has time).
            writeAtomic(target, outcome.pdf, { durable: false });
            manifest.record(name, hash, pdfHash(outcome.pdf), protocol);
            report.status = 'made';
            result.made++;
          } else if (outcome.errors.some((e) => SETUP_CODES.has(e.code))) {
            // A broken rule or template fails every row of its language: a set-up error (exit 3), not rejected rows.
            const e = outcome.errors.find((x) => SETUP_CODES.has(x.code))!;
            stopped ??= new HandoutError(e.code as ErrorCode, e.message, { ...(e.path && { path: e.path }), ...(e.hint && { hint: e.hint }) });
          } else {
            // Validated here already; only printing can fail (a glyph the font lacks, a note too long to fit).
            Object.assign(report, { status: 'rejected', errors: outcome.errors });
            delete report.file;
            result.rejected++;
          }
          tick();
        })
        .catch((e: Error) => {
          // A sheet that cannot be written (E_IO: exit 5, naming why) or a worker that died stops the batch; made sheets are kept.
          stopped ??= e;
        })
        .finally(() => rendering.delete(job));
      rendering.add(job);
    }
    await Promise.all(rendering);
  } finally {
    // Let sheets already being rendered land (a stop mid-file keeps every finished sheet).
    await Promise.allSettled([...rendering]);
    await pool.close();
    for (const { manifest } of days.values()) manifest.close();
    lock?.release();
  }
  if (stopped) throw stopped;
  return result;
}
