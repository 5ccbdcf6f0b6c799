import type { Context, Hono } from 'hono';
import { saveMapping } from '../../batch/save-mapping.js';
import { HandoutError, HandoutErrors, isHandoutError } from '../../errors.js';
import { extensionFor } from '../batch-jobs.js';
import type { ServerContext } from '../context.js';
import { errorResponse, type ApiError } from '../http-errors.js';
import { choiceFromBody, choiceValues, inspectUpload, missingColumns, readingWith, saveTarget } from '../mapping-request.js';
import { Serial } from '../serial.js';
import type { Upload } from '../uploads.js';

/** A JSON body (an empty one is none); 400 when it is not JSON. */
export async function readMappingBody(c: Context): Promise<{ body: unknown } | { response: Response }> {
  const text = await c.req.text();
  if (text.trim() === '') return { body: undefined };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch (e) {
    const reason = (e as Error).message.replace(/^Unexpected token[^,]*, /, 'unexpected character: ').slice(0, 120);
    return { response: c.json({ errors: [{ field: null, message: `the body is not valid JSON (${reason})`, hint: 'Send the mapping as a JSON object, with Content-Type: application/json.', code: 'E_INPUT' }] }, 400) };
  }
}

export const uploadGone = (c: Context) =>
  c.json({ errors: [{ field: 'upload', message: 'that upload is no longer here (the server keeps an export for the mapping step for an hour, until its sheets are made)', hint: 'Upload the export again.', code: 'E_NOT_FOUND' }] }, 404);

/** The upload named by ?upload=, or the answer to give when there is none. */
export function namedUpload(c: Context, ctx: ServerContext): { upload?: Upload; response?: Response } {
  const id = c.req.query('upload');
  if (id === undefined) return {};
  const upload = ctx.batches.uploads.get(id);
  return upload ? { upload } : { response: uploadGone(c) };
}

const fail = (c: Context, e: unknown, values: Record<string, unknown> = {}) => {
  const { status, body } = errorResponse(e, values);
  return c.json(body, status);
};

/**
 * The mapping step of the front-desk page, and the same for scripts:
 * - POST /api/batches/inspect with an export's bytes (as POST /api/batches): kept for an hour as an
 *   upload, and answered as `handout columns --json` does, plus the upload's id, whether the clinic's
 *   settings read it fully (`needsMapping`, `gaps`), a starting `choice`, the `block` to paste and
 *   whether the settings can be saved here. With ?upload=<id> and a mapping as JSON: the same
 *   upload read with that mapping.
 * - PUT /api/config/mapping with a mapping as JSON (?upload=<id>: checked against that export):
 *   written into the clinic config the server was started with, then the server reloads it.
 */
export function mappingRoutes(app: Hono, ctx: ServerContext): void {
  const saving = new Serial();

  app.post('/api/batches/inspect', async (c) => {
    const named = namedUpload(c, ctx);
    if (named.response) return named.response;
    if (named.upload) {
      const parsed = await readMappingBody(c);
      if ('response' in parsed) return parsed.response;
      try {
        return c.json(await inspectUpload(ctx, named.upload, choiceFromBody(parsed.body)));
      } catch (e) {
        return fail(c, e, choiceValues(parsed.body));
      }
    }
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const name = decodeName(c.req.header('x-file-name')) ?? '';
    const upload = ctx.batches.uploads.add(bytes, name, extensionFor(c.req.header('content-type'), name));
    try {
      return c.json(await ctx.track(inspectUpload(ctx, upload)));
    } catch (e) {
      ctx.batches.uploads.remove(upload.id);
      return fail(c, e);
    }
  });

  app.put('/api/config/mapping', async (c) => {
    const named = namedUpload(c, ctx);
    if (named.response) return named.response;
    const parsed = await readMappingBody(c);
    if ('response' in parsed) return parsed.response;
    const values = choiceValues(parsed.body);
    const work = saving.run(async () => {
      const choice = choiceFromBody(parsed.body ?? {});
      const reading = readingWith(ctx, choice);
      const missing = missingColumns(choice, reading);
      if (missing) throw missing;
      // The example clinic: nothing to save to (409). A read-only file is tried, and says so naming it (500).
      const target = saveTarget(ctx);
      if (!target.file) return c.json({ errors: [{ field: null, message: target.reason!, hint: 'Paste the settings into the clinic\'s config by hand, or go on without saving.', code: 'E_NO_CONFIG' }] }, 409);
      if (named.upload) {
        // The saved settings must read the export it was chosen for: the page goes on to its batch.
        const answer = await inspectUpload(ctx, named.upload, choice);
        const columns = answer.gaps.filter((g) => g.field === 'columns');
        if (columns.length) throw new HandoutErrors(columns.map((g) => new HandoutError('E_INPUT', `columns: ${g.message}`, { path: 'columns', hint: 'Choose the column that has it.' })));
      }
      const saved = saveMapping(target.file, choice);
      if (Object.keys(saved.written).length) await ctx.reload();
      return c.json({ saved: saved.file, written: saved.written });
    });
    try {
      return await ctx.track(work);
    } catch (e) {
      if (isHandoutError(e) && e.code === 'E_IO') return c.json({ errors: [configWriteError(e)] }, 500);
      return fail(c, e, values);
    }
  });
}

/** A config that cannot be written: the message names the file (the clinic's own, never a patient's). */
const configWriteError = (e: HandoutError): ApiError => ({ field: null, message: e.message, ...(e.hint !== undefined && { hint: e.hint }), code: 'E_IO' });

export function decodeName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}
