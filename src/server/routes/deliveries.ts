import { join } from 'node:path';
import type { Hono } from 'hono';
import type { EmailRow } from '../../email/compose-message.js';
import type { ServerContext } from '../context.js';
import { emailDeps } from '../email-deps.js';
import { deliver } from '../email-jobs.js';
import { errorResponse } from '../http-errors.js';
import { readDeliveries } from '../read-deliveries.js';

/** GET /api/deliveries (?day=YYYY-MM-DD&name=...): the delivery log. POST /api/deliveries/<key>/resend: send one again, on purpose. */
export function deliveryRoutes(app: Hono, ctx: ServerContext): void {
  app.get('/api/deliveries', async (c) => {
    const day = c.req.query('day');
    const name = c.req.query('name');
    const rows = await readDeliveries(ctx.outDir, ctx.resources.clinic.clinic.timeZone, { ...(day && { day }), ...(name && { name }) });
    return c.json({ deliveries: rows });
  });

  app.post('/api/deliveries/:key/resend', async (c) => {
    const result = await resend(ctx, c.req.param('key'));
    if ('errors' in result) return c.json({ errors: result.errors }, result.httpStatus);
    return c.json(result);
  });
}

/** Send a logged delivery again (`--resend` for one message): the same visit, sheet and address. */
export async function resend(ctx: ServerContext, key: string) {
  const entries = await readDeliveries(ctx.outDir, ctx.resources.clinic.clinic.timeZone);
  const entry = entries.find((e) => e.key === key && e.visit);
  if (!entry?.visit) {
    return { httpStatus: 404 as const, errors: [{ field: null, message: 'no such delivery in the log (or it was logged before resending was possible)', hint: 'Email it again from the day page, or with `handout email --resend`.', code: 'E_NOT_FOUND' }] };
  }
  const row: EmailRow = {
    ...(entry.line !== undefined && { line: entry.line }),
    ...(entry.id !== undefined && { id: entry.id }),
    name: entry.visit.name,
    email: entry.to,
    language: entry.visit.language,
    treatment: entry.visit.treatment,
    treatedAt: entry.visit.treatedAt,
    file: join(ctx.outDir, entry.file),
    ...(entry.plan !== undefined && { plan: entry.plan }),
  };
  try {
    const result = await ctx.track(deliver(emailDeps(ctx), [row], { resend: true }));
    const r = result.reports[0]!;
    return { to: r.to, status: r.status, detail: r.detail, via: result.via };
  } catch (e) {
    const { status, body } = errorResponse(e);
    return { httpStatus: status, errors: body.errors };
  }
}
