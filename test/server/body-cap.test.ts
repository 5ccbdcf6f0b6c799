import { request } from 'node:http';
import { mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf.js';
import { listening } from '../helpers/server.js';

const MB = 1024 * 1024;

/** A raw HTTP/1.1 request on a real socket, its body sent in `chunks` (chunked, no Content-Length, unless `headers` says). */
function send(port: number, path: string, chunks: Buffer[], headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }));
    });
    // The server may answer 413 and close before the whole body is sent.
    req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('request bodies over a real socket', () => {
  let s: Awaited<ReturnType<typeof listening>>;
  beforeAll(async () => {
    s = await listening({ maxBodyBytes: 1 * MB });
  });
  afterAll(() => s.close());

  it('a chunked body (no Content-Length) past the cap is refused with 413 and the cap named; nothing is made', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'a');
    const res = await send(s.port, '/api/batches', [chunk, chunk, chunk, chunk, chunk], { 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body.toString('utf8')).errors[0].message).toMatch(/larger than this server takes \(1 MB\)/);
    mkdirSync(s.out, { recursive: true });
    expect(readdirSync(s.out)).toEqual([]);
  });

  it('a Content-Length past the cap is refused with 413 before the body is read', async () => {
    const res = await send(s.port, '/api/handouts', [Buffer.from('{}')], { 'Content-Type': 'application/json', 'Content-Length': String(2 * MB) });
    expect(res.status).toBe(413);
  });

  it('a visit sent chunked, under the cap, makes the sheet as one sent with Content-Length', async () => {
    const visit = Buffer.from(JSON.stringify({ name: 'Wren Okafor-Lind', treatment: 'aggressive', date: '2026-11-23T14:30' }));
    const chunked = await send(s.port, '/api/handouts', [visit.subarray(0, 10), visit.subarray(10)], { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    const sized = await send(s.port, '/api/previews', [visit], { 'Content-Type': 'application/json', 'Content-Length': String(visit.length) });
    for (const res of [chunked, sized]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = await readPdf(res.body);
      expect(pdf.text).toContain('Wren Okafor-Lind');
      expect(pdf.flat).toMatch(/occlusive\) balm/);
    }
  });

  it('every answer, a PDF, a page, a JSON error or a 404, tells the browser to load nothing from elsewhere', async () => {
    const visit = JSON.stringify({ name: 'Wren Okafor-Lind', treatment: 'standard', date: '2026-11-23T14:30' });
    const base = `http://127.0.0.1:${s.port}`;
    const answers = [
      await fetch(`${base}/api/previews`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: visit }),
      await fetch(`${base}/`),
      await fetch(`${base}/api/handouts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"name": "' }),
      await fetch(`${base}/no-such-page`),
      await fetch(`${base}/static/app.css`),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 400, 404, 200]);
    for (const res of answers) {
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'self'; .*object-src 'none'/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      await res.arrayBuffer();
    }
  });
});
