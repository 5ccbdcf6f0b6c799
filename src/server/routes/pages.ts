import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServerContext } from '../context.js';
import { readDeliveries } from '../read-deliveries.js';
import { SESSION_COOKIE } from '../sessions.js';
import { areaAndConcernChoices } from '../../choices.js';
import { checkoutView } from '../views/checkout.js';
import { dayView } from '../views/day.js';
import { page, type Html, type PageFrame } from '../views/layout.js';
import { loginView } from '../views/login.js';
import { sentView } from '../views/sent.js';

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', es: 'Español' };

/** The three pages (server-rendered), and logging in and out. */
export function pageRoutes(app: Hono, ctx: ServerContext): void {
  const render = (c: Context, frame: Omit<PageFrame, 'clinicName' | 'isExample' | 'loggedIn'>, body: Html, status: 200 | 401 | 404 = 200) => {
    c.header('Cache-Control', 'no-store');
    const clinic = ctx.resources.clinic.clinic;
    return c.html(page({ ...frame, clinicName: clinic.name, isExample: ctx.isExample, loggedIn: ctx.passcode !== undefined && frame.path !== '/login' }, body), status);
  };

  app.get('/', (c) => {
    const clinic = ctx.resources.clinic.clinic;
    const languages = ctx.resources.languages.map((code: string) => ({ code, label: LANGUAGE_NAMES[code] ?? code }));
    const now = ctx.clock().setZone(clinic.timeZone).toFormat("yyyy-MM-dd'T'HH:mm");
    return render(c, { title: 'Checkout', path: '/', scripts: ['common.js', 'checkout.js'] }, checkoutView({ now, timeZone: clinic.timeZone, languages, language: clinic.language, paper: clinic.paper, choices: areaAndConcernChoices(ctx.resources, clinic.language) }));
  });

  app.get('/day', (c) => {
    const id = c.req.query('batch');
    const job = id ? ctx.batches.get(id) : undefined;
    return render(c, { title: 'The day', path: '/day', scripts: ['common.js', 'mapping.js', 'day.js'] }, dayView(job, Boolean(id) && !job));
  });

  app.get('/sent', async (c) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(c.req.query('day') ?? '') ? c.req.query('day') : undefined;
    const name = c.req.query('name')?.slice(0, 100) || undefined;
    const zone = ctx.resources.clinic.clinic.timeZone;
    const rows = await readDeliveries(ctx.outDir, zone, { ...(day && { day }), ...(name && { name }) });
    return render(c, { title: 'Sent', path: '/sent', scripts: ['common.js', 'sent.js'] }, sentView(rows.slice(0, 1000), { ...(day && { day }), ...(name && { name }) }, zone, ctx.resources.clinic.clinic.email?.protect === 'dob'));
  });

  const failures = new Map<string, { count: number; since: number }>();
  app.get('/login', (c) => {
    if (!ctx.passcode) return c.redirect('/', 303);
    return render(c, { title: 'Log in', path: '/login' }, loginView(safeNext(c.req.query('next')), c.req.query('failed') === '1'));
  });

  app.post('/login', async (c) => {
    if (!ctx.passcode) return c.redirect('/', 303);
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    // A slow-down for guessing: ten wrong passcodes from one address wait out ten minutes.
    const who = remoteAddress(c);
    const f = failures.get(who);
    if (f && f.count >= 10 && Date.now() - f.since < 10 * 60_000) {
      return c.json({ errors: [{ field: 'passcode', message: 'too many wrong passcodes: wait ten minutes', code: 'E_AUTH' }] }, 429);
    }
    if (typeof form.passcode === 'string' && ctx.passcode.matches(form.passcode)) {
      failures.delete(who);
      setCookie(c, SESSION_COOKIE, ctx.sessions.create(), { httpOnly: true, sameSite: 'Strict', path: '/', ...(c.req.header('x-forwarded-proto') === 'https' && { secure: true }) });
      return c.redirect(next, 303);
    }
    failures.set(who, f && Date.now() - f.since < 10 * 60_000 ? { count: f.count + 1, since: f.since } : { count: 1, since: Date.now() });
    return c.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
  });

  app.post('/logout', (c) => {
    ctx.sessions.end(getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/login', 303);
  });
}

function remoteAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

/** Only our own pages after logging in (never another site: an open redirect). */
const safeNext = (next: string | undefined) => (next && ['/', '/day', '/sent'].includes(next) ? next : '/');
