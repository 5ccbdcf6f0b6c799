import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from './sessions.js';
import type { ServerContext } from './context.js';

/** The host name of a Host header or URL authority, without the port ("[::1]:4321" -> "::1"). */
export function hostName(authority: string): string {
  const a = authority.trim().toLowerCase();
  if (a.startsWith('[')) return a.slice(1, a.indexOf(']'));
  const colon = a.lastIndexOf(':');
  return colon >= 0 && a.indexOf(':') === colon ? a.slice(0, colon) : a;
}

const deny = (c: Context, status: 401 | 403, message: string, hint: string) =>
  c.json({ errors: [{ field: null, message, hint, code: status === 401 ? 'E_AUTH' : 'E_FORBIDDEN' }] }, status);

/**
 * DNS rebinding: a page on another site whose name points at this machine reaches the server
 * with that site's name in Host. Only the server's own names are answered.
 */
export const hostCheck = (ctx: ServerContext): MiddlewareHandler => async (c, next) => {
  const host = c.req.header('host') ?? new URL(c.req.url).host;
  if (!ctx.hosts.has(hostName(host))) {
    return deny(c, 403, 'this server does not answer to that host name', 'Open the address `handout serve` printed; a reverse proxy in front of it must pass the original Host (or add its name to HANDOUT_ALLOWED_HOSTS).');
  }
  return next();
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site requests: a state-changing request that says where it comes from must come from this
 * server's own pages. A request without Origin (a script, curl) is judged by the passcode alone.
 */
export const originCheck = (): MiddlewareHandler => async (c, next) => {
  const origin = c.req.header('origin');
  if (!SAFE_METHODS.has(c.req.method) && origin !== undefined) {
    let same = false;
    try {
      same = new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host).toLowerCase();
    } catch {}
    if (!same) return deny(c, 403, 'requests from another site are refused', 'Use the page this server serves.');
  }
  return next();
};

/** Paths open without the passcode: the health check, the login page and what it needs. */
const OPEN = (path: string) => path === '/healthz' || path === '/login' || path.startsWith('/static/');

/** With a passcode set: a logged-in browser (session cookie) or `Authorization: Bearer <passcode>`; 401 otherwise. */
export const authCheck = (ctx: ServerContext): MiddlewareHandler => async (c, next) => {
  if (!ctx.passcode || OPEN(c.req.path)) return next();
  if (ctx.sessions.valid(getCookie(c, SESSION_COOKIE))) return next();
  const bearer = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (bearer !== undefined && ctx.passcode.matches(bearer)) return next();
  const wantsPage = c.req.method === 'GET' && !c.req.path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
  if (wantsPage) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
  c.header('WWW-Authenticate', 'Bearer realm="handout"');
  return deny(c, 401, 'the staff passcode is needed', 'Log in on the page, or send Authorization: Bearer <passcode>.');
};
