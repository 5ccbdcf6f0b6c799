import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { inProcess, listening } from '../helpers/server.js';
import { hashPasscode } from '../../src/server/passcode.js';
import { startServer } from '../../src/server/serve.js';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const VISIT = { name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T09:30', note: 'A private note about Ada.' };
const PASSCODE = 'juniper-desk-2290';

describe('with a staff passcode', async () => {
  const s = await inProcess({ env: { HANDOUT_PASSCODE: PASSCODE } });

  it('refuses the API (401) and sends pages to the login without it; /healthz stays open', async () => {
    expect((await s.json('/api/handouts', VISIT)).status).toBe(401);
    expect((await s.json('/api/handouts', VISIT, { Authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await s.request('/api/deliveries')).status).toBe(401);
    const page = await s.request('/day', { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Fday');
    expect((await s.request('/healthz')).status).toBe(200);
  });

  it('a script with Authorization: Bearer <passcode> gets its sheet', async () => {
    const res = await s.json('/api/handouts', VISIT, { Authorization: `Bearer ${PASSCODE}` });
    expect(res.status).toBe(200);
  });

  it('a browser logs in once: an HttpOnly, SameSite=Strict session cookie', async () => {
    const form = (passcode: string) => new URLSearchParams({ passcode, next: '/day' });
    const wrong = await s.request('/login', { method: 'POST', body: form('nope') });
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toMatch(/^\/login\?failed=1/);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await s.request('/login', { method: 'POST', body: form(PASSCODE) });
    expect(right.headers.get('location')).toBe('/day');
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^handout_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(';')[0]!;
    expect((await s.json('/api/handouts', VISIT, { Cookie: session })).status).toBe(200);
    expect((await s.request('/sent', { headers: { Cookie: session } })).status).toBe(200);
    // Logged out, the cookie no longer opens anything.
    await s.request('/logout', { method: 'POST', headers: { Cookie: session } });
    expect((await s.json('/api/handouts', VISIT, { Cookie: session })).status).toBe(401);
  });

  it('never redirects a login to another site', async () => {
    const res = await s.request('/login', { method: 'POST', body: new URLSearchParams({ passcode: PASSCODE, next: 'https://evil.example/' }) });
    expect(res.headers.get('location')).toBe('/');
  });

  it('a passcode hash in the clinic config works as the passcode', async () => {
    const dir = tempDir('handout-hash-');
    const config = join(dir, 'clinic.json');
    const clinic = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')) as Record<string, unknown>;
    writeFileSync(config, JSON.stringify({ ...clinic, logo: undefined, server: { passcodeHash: hashPasscode(PASSCODE) } }));
    const h = await inProcess({ configPath: config });
    expect((await h.json('/api/handouts', VISIT)).status).toBe(401);
    expect((await h.json('/api/handouts', VISIT, { Authorization: `Bearer ${PASSCODE}` })).status).toBe(200);
  });
});

describe('other sites and other host names', async () => {
  const s = await inProcess();

  it('refuses a state-changing request from another origin (403), takes its own and script requests without Origin', async () => {
    expect((await s.json('/api/handouts', VISIT, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await s.json('/api/handouts', VISIT, { Origin: 'http://127.0.0.1:9999' })).status).toBe(403);
    expect((await s.json('/api/handouts', VISIT, { Origin: 'null' })).status).toBe(403);
    expect((await s.json('/api/handouts', VISIT, { Origin: 'http://127.0.0.1:4321' })).status).toBe(200);
    expect((await s.json('/api/handouts', VISIT)).status).toBe(200);
  });

  it('refuses a Host that is not its own (DNS rebinding), for pages and the API', async () => {
    const res = await s.request('/', { headers: { Host: 'rebind.evil.example:4321' } });
    expect(res.status).toBe(403);
    expect((await s.request('/api/deliveries', { headers: { Host: 'rebind.evil.example' } })).status).toBe(403);
    expect((await s.request('/', { headers: { Host: 'localhost:4321' } })).status).toBe(200);
  });
});

describe('starting', () => {
  it('refuses to serve on another address without a passcode (an empty one counts as none)', async () => {
    for (const env of [{}, { HANDOUT_PASSCODE: '' }]) {
      await expect(startServer({ configPath: EXAMPLE_CONFIG, isExample: false, out: tempDir(), host: '0.0.0.0', port: 0, env })).rejects.toMatchObject({
        code: 'E_CONFIG',
        message: expect.stringMatching(/^refusing to serve on 0\.0\.0\.0 without a staff passcode/),
      });
    }
  });

  it('serves on another address with a passcode, and still refuses requests without it', async () => {
    const s = await listening({ host: '0.0.0.0', env: { HANDOUT_PASSCODE: PASSCODE } });
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/api/deliveries`);
      expect(res.status).toBe(401);
    } finally {
      await s.close();
    }
  });
});

describe('the request log', async () => {
  const s = await inProcess({ env: { HANDOUT_PASSCODE: PASSCODE } });

  it('has method, path, status and time, and never a name, address, note or the passcode', async () => {
    const secret = { ...VISIT, name: 'Wilhelmina Quist', email: 'wilhelmina@example.com', note: 'Scar on the left cheek, very private.' };
    const { email: _e, ...sheet } = secret;
    await s.json('/api/handouts', sheet, { Authorization: `Bearer ${PASSCODE}` });
    await s.json('/api/handouts', { ...sheet, treatment: 'gentle' }, { Authorization: `Bearer ${PASSCODE}` });
    await s.json('/api/handouts/email', secret, { Authorization: `Bearer ${PASSCODE}` });
    await s.request('/login', { method: 'POST', body: new URLSearchParams({ passcode: PASSCODE }) });
    await s.request('/login', { method: 'POST', body: new URLSearchParams({ passcode: 'guess-Wilhelmina' }) });
    await s.request(`/sent?name=${encodeURIComponent('Wilhelmina Quist')}`, { headers: { Authorization: `Bearer ${PASSCODE}` } });
    const log = s.log.join('\n');
    expect(s.log.length).toBeGreaterThanOrEqual(6);
    expect(s.log[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z POST \/api\/handouts 200 [\d.]+ms$/);
    expect(log).toMatch(/POST \/api\/handouts 422/);
    for (const secretText of ['Wilhelmina', 'Quist', 'wilhelmina@example.com', 'Scar', 'private', PASSCODE, 'guess']) expect(log).not.toContain(secretText);
  });
});
