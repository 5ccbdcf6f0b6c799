import { readFile } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { HandoutError } from '../../errors.js';
import type { BatchRowReport } from '../../batch/run-batch.js';
import { batchReport, type BatchInput, type BatchJob } from '../batch-jobs.js';
import { choiceFromBody, choiceValues, readingWith } from '../mapping-request.js';
import { decodeName, namedUpload, readMappingBody } from './mapping.js';
import type { ServerContext } from '../context.js';
import { emailDeps } from '../email-deps.js';
import { deliver, emailBatchRows, emailJobJson } from '../email-jobs.js';
import { errorResponse } from '../http-errors.js';
import { mergePdfs } from '../merge-pdfs.js';
import { pdfResponse } from './handouts.js';
import { toEmailRow } from '../../email/email-row.js';

const notFound = (c: Context, what = 'no such batch (the server keeps the last 50 uploads until it stops)') =>
  c.json({ errors: [{ field: null, message: what, hint: 'Upload the export again.', code: 'E_NOT_FOUND' }] }, 404);
const busy = (c: Context) => c.json({ errors: [{ field: null, message: 'the sheets are still being made', hint: 'Wait for the batch to finish (GET /api/batches/<id>).', code: 'E_BUSY' }] }, 409);

/** The job as GET /api/batches/<id> gives it: progress while running, then the report or the errors. */
export function batchJson(job: BatchJob): object {
  return {
    id: job.id,
    fileName: job.fileName,
    status: job.status,
    done: job.done,
    ...(job.total !== undefined && { total: job.total }),
    ...(job.status === 'done' && { report: batchReport(job) }),
    ...(job.errors && { errors: job.errors }),
    ...(job.email && { email: emailJobJson(job.email) }),
  };
}

/** Rows that have a sheet (made now or before), in appointment order: the print-all order. */
export const sheetsInOrder = (rows: readonly BatchRowReport[]) =>
  rows.filter((r) => r.file && r.status !== 'rejected').sort((a, b) => Date.parse(a.treatedAt!) - Date.parse(b.treatedAt!) || a.line - b.line);

/**
 * POST /api/batches (the export's bytes; ?day=YYYY-MM-DD; ?wait=0 answers 202 at once), GET its
 * progress and report, its print-all PDF, one row's sheet, and emailing its rows.
 */
export function batchRoutes(app: Hono, ctx: ServerContext): void {
  app.post('/api/batches', async (c) => {
    const day = c.req.query('day') || undefined;
    if (day !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(day)) {
      const e = new HandoutError('E_INPUT', `day: "${day.slice(0, 20)}" is not a date`, { path: 'day', hint: 'Use a date like 2026-11-23.' });
      return c.json(errorResponse(e, { day }).body, 422);
    }
    // ?upload=<id>: an export kept by POST /api/batches/inspect, the body the mapping to read it with
    // (none: the clinic config's); else the body is the export itself.
    const named = namedUpload(c, ctx);
    if (named.response) return named.response;
    let input: BatchInput;
    if (named.upload) {
      const parsed = await readMappingBody(c);
      if ('response' in parsed) return parsed.response;
      try {
        const choice = choiceFromBody(parsed.body);
        input = { upload: named.upload, ...(parsed.body !== undefined && { reading: readingWith(ctx, choice) }) };
      } catch (e) {
        const { status, body } = errorResponse(e, choiceValues(parsed.body));
        return c.json(body, status);
      }
    } else {
      const type = c.req.header('content-type');
      input = { bytes: new Uint8Array(await c.req.arrayBuffer()), ...(type && { type }) };
    }
    const name = decodeName(c.req.header('x-file-name'));
    const job = ctx.batches.start(input, { ...(name && { fileName: name }), ...(day && { day }) });
    void ctx.track(job.finished);
    c.header('Location', `/api/batches/${job.id}`);
    if (c.req.query('wait') === '0') return c.json(batchJson(job), 202);
    await job.finished;
    if (job.status === 'failed') return c.json({ id: job.id, errors: job.errors }, (job.httpStatus ?? 500) as 422);
    return c.json(batchReport(job));
  });

  app.get('/api/batches/:id', (c) => {
    const job = ctx.batches.get(c.req.param('id'));
    return job ? c.json(batchJson(job)) : notFound(c);
  });

  app.get('/api/batches/:id/sheets.pdf', async (c) => {
    const job = ctx.batches.get(c.req.param('id'));
    if (!job) return notFound(c);
    if (job.status === 'running') return busy(c);
    const files = sheetsInOrder(job.result?.rows ?? []).map((r) => r.file!);
    if (!files.length) return notFound(c, 'this batch has no sheets to print');
    try {
      const pdf = await mergePdfs(files, `Aftercare sheets: ${job.fileName}`);
      return pdfResponse(c, pdf, 'sheets.pdf', c.req.query('download') === '1' ? 'attachment' : 'inline');
    } catch (e) {
      const { status, body } = errorResponse(e);
      return c.json(body, status);
    }
  });

  app.get('/api/batches/:id/rows/:line/sheet.pdf', async (c) => {
    const row = findRow(ctx, c.req.param('id'), c.req.param('line'));
    if (!row?.file || row.status === 'rejected') return notFound(c, 'no sheet for this row');
    try {
      const pdf = await readFile(row.file);
      return pdfResponse(c, pdf, row.file.split('/').pop()!, c.req.query('download') === '1' ? 'attachment' : 'inline');
    } catch {
      return notFound(c, 'the sheet is no longer in the output folder');
    }
  });

  app.post('/api/batches/:id/email', async (c) => {
    const job = ctx.batches.get(c.req.param('id'));
    if (!job) return notFound(c);
    if (job.status === 'running') return busy(c);
    if (job.status === 'failed') return c.json({ errors: job.errors }, 422);
    job.email = emailBatchRows(emailDeps(ctx), job.result!.rows, job.email, job.visits);
    void ctx.track(job.email.finished);
    if (c.req.query('wait') === '0') return c.json(emailJobJson(job.email), 202);
    await job.email.finished;
    return c.json(emailJobJson(job.email), job.email.status === 'failed' ? ((job.email.httpStatus ?? 500) as 502) : 200);
  });

  app.get('/api/batches/:id/email', (c) => {
    const job = ctx.batches.get(c.req.param('id'));
    if (!job?.email) return notFound(c, 'this batch has not been emailed');
    return c.json(emailJobJson(job.email));
  });

  app.post('/api/batches/:id/rows/:line/email', async (c) => {
    const row = findRow(ctx, c.req.param('id'), c.req.param('line'));
    if (!row || row.status === 'rejected') return notFound(c, 'no sheet for this row');
    const emailRow = toEmailRow(row, ctx.resources.clinic.clinic.language, ctx.batches.get(c.req.param('id'))?.visits.get(row.line));
    if (!emailRow) return c.json({ errors: [{ field: 'email', message: 'this row has no email address', hint: 'Add the address in the booking system and upload the export again.', code: 'E_INPUT' }] }, 422);
    try {
      const result = await ctx.track(deliver(emailDeps(ctx), [emailRow]));
      const r = result.reports[0]!;
      return c.json({ line: row.line, to: r.to, status: r.status, detail: r.detail, via: result.via });
    } catch (e) {
      const { status, body } = errorResponse(e);
      return c.json(body, status);
    }
  });
}

function findRow(ctx: ServerContext, id: string, line: string): BatchRowReport | undefined {
  const job = ctx.batches.get(id);
  return job?.status === 'done' ? job.result!.rows.find((r) => String(r.line) === line) : undefined;
}
