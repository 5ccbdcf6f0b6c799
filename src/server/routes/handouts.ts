import { basename } from 'node:path';
import type { Context, Hono } from 'hono';
import { ICS_TYPE, visitCalendar } from '../../calendar/visit-calendar.js';
import { handoutFileName } from '../../deliver/file-name.js';
import { writeSheet } from '../../deliver/make-and-write.js';
import { emailSheet } from '../../email/email-sheet.js';
import { checkEmailSetup } from '../../email/email-sheet.js';
import type { Visit } from '../../schema/visit.js';
import type { RenderOptions } from '../sheet-renderer.js';
import { HandoutError } from '../../errors.js';
import type { ServerContext } from '../context.js';
import { errorResponse } from '../http-errors.js';
import { isLockBusy } from '../../email/delivery-log.js';
import { visitFromBody } from '../visit-request.js';
import { emailDeps } from '../email-deps.js';
import { withDeliveryLog } from '../email-jobs.js';

/**
 * A JSON body, or a 400 naming what is wrong with it (broken JSON is not a field's fault).
 * `empty`: what an empty body stands for, where one is allowed.
 */
export async function readJson(c: Context, options: { empty?: unknown } = {}): Promise<{ body: unknown } | { response: Response }> {
  const text = await c.req.text();
  if ('empty' in options && text.trim() === '') return { body: options.empty };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch (e) {
    const reason = (e as Error).message.replace(/^Unexpected token[^,]*, /, 'unexpected character: ').slice(0, 120);
    return {
      response: c.json({ errors: [{ field: null, message: `the body is not valid JSON (${text.trim() === '' ? 'it is empty' : reason})`, hint: 'Send the visit as a JSON object, with Content-Type: application/json.', code: 'E_INPUT' }] }, 400),
    };
  }
}

export const pdfResponse = (c: Context, pdf: Uint8Array, fileName: string, disposition: 'attachment' | 'inline') =>
  c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': `${disposition}; filename="${fileName}"`,
    'Cache-Control': 'no-store',
  });

/**
 * POST /api/handouts: make and write the sheet (as `handout generate`), return the PDF.
 * POST /api/previews: make it without writing (the checkout page's live preview).
 * POST /api/handouts/email: make, write and email it, exactly once (as `generate --email`).
 * POST /api/calendars: the visit's recovery as an .ics file (as `generate --ics`), from the same plan.
 */
export function handoutRoutes(app: Hono, ctx: ServerContext): void {
  const route = visitRoute(ctx);
  app.post('/api/handouts', route(false, async ({ c, visit, paper, now }) => {
    const written = await ctx.track(renderAndWrite(ctx, visit, { now, ...(paper && { paper }) }));
    return pdfResponse(c, written.pdf, basename(written.file), c.req.query('disposition') === 'inline' ? 'inline' : 'attachment');
  }));

  app.post('/api/calendars', route(true, async ({ c, visit, now }) => {
    const calendar = await visitCalendar(ctx.resources, visit, now);
    return c.body(calendar.ics, 200, { 'Content-Type': ICS_TYPE, 'Content-Disposition': `attachment; filename="${calendar.fileName}"`, 'Cache-Control': 'no-store' });
  }));

  app.post('/api/previews', route(true, async ({ c, visit, paper, now }) => {
    const pdf = await ctx.renderer.render(ctx.resources, visit, { now, ...(paper && { paper }) });
    return pdfResponse(c, pdf, handoutFileName(visit), 'inline');
  }));

  app.post('/api/handouts/email', route(true, async ({ c, visit, paper, now }) => {
    if (visit.email === undefined) {
      throw new HandoutError('E_INPUT', 'email: an address is needed to email the sheet (nothing was given)', { path: 'email', hint: 'Type the patient\'s address, like name@example.com.' });
    }
    const smtp = checkEmailSetup(ctx.resources, { env: ctx.env });
    const work = async () => {
      const written = await renderAndWrite(ctx, visit, { now, ...(paper && { paper }) });
      const email = await withDeliveryLog(emailDeps(ctx), () => emailSheet(ctx.resources, visit, written.file, { outDir: ctx.outDir, smtp, resend: false, warn: () => {} }));
      return { file: basename(written.file), ...email };
    };
    return c.json(await ctx.track(work()));
  }));
}

/**
 * The sheet made (in a render thread) and written where `handout generate` writes it. Atomic but
 * not flushed to the disk before the answer (as the batch writes): the browser already has the
 * PDF, a crash still never leaves half a file, and the flush cost a fifth of a served sheet's time.
 */
async function renderAndWrite(ctx: ServerContext, visit: Visit, options: RenderOptions): Promise<{ pdf: Uint8Array; file: string }> {
  const pdf = await ctx.renderer.render(ctx.resources, visit, options);
  return { pdf, file: await writeSheet(ctx.outDir, visit, pdf, { durable: false }) };
}

type VisitHandler = (args: { c: Context; visit: ReturnType<typeof visitFromBody>['visit']; paper: ReturnType<typeof visitFromBody>['paper']; now: ReturnType<ServerContext['clock']> }) => Promise<Response>;

/**
 * A route that takes a visit as JSON: the body read (400 when it is not JSON), the visit validated
 * at the request's clock, then `handle`; a HandoutError becomes its status (409 while another run
 * holds the delivery log) with every bad field named by its JSON key.
 */
function visitRoute(ctx: ServerContext) {
  return (allowEmail: boolean, handle: VisitHandler) => async (c: Context) => {
    const parsed = await readJson(c);
    if ('response' in parsed) return parsed.response;
    try {
      const now = ctx.clock();
      const { visit, paper } = visitFromBody(ctx.resources, parsed.body, { now, allowEmail });
      return await handle({ c, visit, paper, now });
    } catch (e) {
      const { status, body } = errorResponse(e, valuesOf(parsed.body));
      return c.json(body, isLockBusy(e) ? 409 : status);
    }
  };
}

const valuesOf = (body: unknown): Record<string, unknown> => (body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {});
