import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Request bodies are capped at `maxBytes` (413 past it). A body whose size Content-Length states
 * (every browser's and fetch's) is judged by that header alone: Node's parser never reads past it,
 * and the body stays unread, so a route reads it straight from the socket (@hono/node-server's fast
 * path). Hono's bodyLimit, which counts while it reads, takes only chunked bodies: it turns every
 * request it sees into a web stream first, which cost a served sheet a tenth of its time.
 */
export function bodyCap(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    c.json({ errors: [{ field: null, message: `the request is larger than this server takes (${Math.round(maxBytes / 1024 / 1024)} MB)`, hint: 'Split the export into smaller files (one day each), or start the server with a larger --max-body (at most 50 MB).', code: 'E_TOO_LARGE' }] }, 413);
  const counted = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) return Number(length) > maxBytes ? tooLarge(c) : next();
    return counted(c, next);
  };
}
