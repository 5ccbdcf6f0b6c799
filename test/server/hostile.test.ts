import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { pageCount } from '../helpers/pdf.js';
import { listening } from '../helpers/server.js';

/** `handout serve` as a user starts it, on a free port; resolves once it prints its address. */
async function spawnServer(out: string) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--out', out, '--config', EXAMPLE_CONFIG], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = /open (http:\/\/\S+?)\/? /.exec(text);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  // 'close', not 'exit': the output is all read by then.
  const exited = new Promise<number | string | null>((r) => child.on('close', (code, signal) => r(code ?? signal)));
  return { child, url, exited, stderr: () => stderr };
}

const visit = (i: number) => JSON.stringify({ name: `Made Up Person ${i}`, treatment: i % 2 ? 'aggressive' : 'standard', date: `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00` });
const send = (url: string, i: number) => fetch(`${url}/api/handouts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: visit(i) });

describe('a hostile day', { timeout: 90_000 }, () => {
  it('SIGTERM lets the sheets in flight finish, then exits 0', async () => {
    const out = tempDir('handout-term-');
    const s = await spawnServer(out);
    const requests = Array.from({ length: 12 }, (_, i) => send(s.url, i));
    await new Promise((r) => setTimeout(r, 30));
    s.child.kill('SIGTERM');
    const answers = await Promise.allSettled(requests.map(async (r) => (await r).status));
    expect(await s.exited).toBe(0);
    // Every request that reached the server got its whole sheet; none was cut off half-way.
    const done = answers.filter((a) => a.status === 'fulfilled').length;
    expect(done).toBeGreaterThan(0);
    for (const a of answers) if (a.status === 'fulfilled') expect(a.value).toBe(200);
    const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(pdfs.length).toBe(done);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('kill -9 in the middle of writing leaves no half sheet; the next start clears what it left', async () => {
    const out = tempDir('handout-kill-');
    const s = await spawnServer(out);
    const requests = Array.from({ length: 40 }, (_, i) => send(s.url, i).catch(() => undefined));
    await new Promise((r) => setTimeout(r, 250 + Math.random() * 400));
    s.child.kill('SIGKILL');
    await Promise.all(requests);
    await s.exited;
    for (const f of readdirSync(out).filter((n) => n.endsWith('.pdf'))) expect(await pageCount(readFileSync(join(out, f))), f).toBe(1);
    // A temp file a killed write leaves (named after its process): removed on the next start.
    writeFileSync(join(out, `.2026-11-01_x_standard.pdf.${s.child.pid}.abc123.tmp`), '%PDF-1.7 half');
    const again = await spawnServer(out);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    again.child.kill('SIGTERM');
    const code = await again.exited;
    expect(code, again.stderr()).toBe(0);
  });

  it('a client that sends its body too slowly is cut off; others are served meanwhile', async () => {
    const s = await listening({ requestTimeoutMs: 600 });
    try {
      const socket = connect(s.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d) => (answer += d));
      const closed = new Promise<void>((r) => socket.on('close', () => r()));
      socket.write(`POST /api/handouts HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name":`);
      const drip = setInterval(() => socket.write(' '), 100);
      const other = await fetch(`http://127.0.0.1:${s.port}/healthz`);
      expect(other.status).toBe(200);
      await closed;
      clearInterval(drip);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await s.close();
    }
  });

  it('a 50 MB upload is refused (413) by the default 20 MB cap, over a real socket, and nothing is made', async () => {
    const s = await listening();
    try {
      const big = Buffer.alloc(50 * 1024 * 1024, 'a');
      const res = await fetch(`http://127.0.0.1:${s.port}/api/batches`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: big });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/larger than this server takes \(20 MB\)/);
      mkdirSync(s.out, { recursive: true });
      expect(readdirSync(s.out)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
