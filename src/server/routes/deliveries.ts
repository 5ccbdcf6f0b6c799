import type { Hono } from 'hono';
import type { ServerContext } from '../context.js';
import { readDeliveries } from '../read-deliveries.js';
import { resend } from '../resend.js';
import { readJson } from './handouts.js';

/** GET /api/deliveries (?day=YYYY-MM-DD&name=...): the delivery log. POST /api/deliveries/<key>/resend (`{"dob": ...}` where the clinic locks sheets): send one again, on purpose. */
export function deliveryRoutes(app: Hono, ctx: ServerContext): void {
  app.get('/api/deliveries', async (c) => {
    const day = c.req.query('day');
    const name = c.req.query('name');
    const rows = await readDeliveries(ctx.outDir, ctx.resources.clinic.clinic.timeZone, { ...(day && { day }), ...(name && { name }) });
    return c.json({ deliveries: rows });
  });

  app.post('/api/deliveries/:key/resend', async (c) => {
    const parsed = await readJson(c, { empty: {} });
    if ('response' in parsed) return parsed.response;
    const body = parsed.body !== null && typeof parsed.body === 'object' ? (parsed.body as { dob?: unknown }) : {};
    const result = await resend(ctx, c.req.param('key'), body);
    if ('errors' in result) return c.json({ errors: result.errors }, result.httpStatus);
    return c.json(result);
  });
}
