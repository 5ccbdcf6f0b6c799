import type { MiddlewareHandler } from 'hono';

/**
 * One line per request: time, method, path (never the query), status, milliseconds. Nothing from
 * the body or headers: names, addresses, notes and the passcode never reach the log.
 */
export const requestLog = (log: (line: string) => void): MiddlewareHandler => async (c, next) => {
  const start = performance.now();
  await next();
  log(`${new Date().toISOString()} ${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - start).toFixed(1)}ms`);
};
