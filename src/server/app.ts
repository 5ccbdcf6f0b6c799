import { Hono } from 'hono';
import { bodyCap } from './body-cap.js';
import type { ServerContext } from './context.js';
import { errorResponse } from './http-errors.js';
import { requestLog } from './request-log.js';
import { batchRoutes } from './routes/batches.js';
import { deliveryRoutes } from './routes/deliveries.js';
import { handoutRoutes } from './routes/handouts.js';
import { mappingRoutes } from './routes/mapping.js';
import { pageRoutes } from './routes/pages.js';
import { authCheck, hostCheck, originCheck } from './security.js';
import { staticRoutes } from './static-files.js';

/**
 * The whole server as a Hono app: log, refuse foreign hosts and cross-site requests, cap bodies,
 * ask for the passcode, then the routes. `app.request()` runs it in-process (the tests).
 */
export function createApp(ctx: ServerContext): Hono {
  const app = new Hono();
  app.use('*', requestLog(ctx.log));
  app.use('*', hostCheck(ctx));
  app.get('/healthz', (c) => c.text('ok'));
  app.use('*', originCheck());
  app.use('*', authCheck(ctx));
  app.use('*', bodyCap(ctx.maxBodyBytes));
  app.use('*', async (c, next) => {
    await next();
    // The pages load nothing from elsewhere; say so to the browser too. Set on the answer's own
    // headers: c.header() after the answer is made copies it into a streamed one (slow to send).
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'");
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
  });
  staticRoutes(app);
  pageRoutes(app, ctx);
  handoutRoutes(app, ctx);
  mappingRoutes(app, ctx);
  batchRoutes(app, ctx);
  deliveryRoutes(app, ctx);
  app.notFound((c) => c.json({ errors: [{ field: null, message: 'no such page', code: 'E_NOT_FOUND' }] }, 404));
  app.onError((e, c) => {
    if (process.env.HANDOUT_DEBUG) ctx.log(`internal error: ${e.stack ?? e.message}`);
    else ctx.log(`internal error on ${c.req.method} ${c.req.path}: ${e.name} (HANDOUT_DEBUG=1 shows details)`);
    const { status, body } = errorResponse(e);
    return c.json(body, status);
  });
  return app;
}
