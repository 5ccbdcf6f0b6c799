import { readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ThreadRenderer } from '../../src/server/sheet-renderer.js';
import { visitData } from '../../src/batch/render-row.js';
import { validateVisit } from '../../src/handout.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW } from '../helpers/resources.js';
import { listening } from '../helpers/server.js';

const ZOE = { name: "Zoë O'Brien", treatment: 'aggressive', date: '2026-11-23T14:30', area: 'Cheeks' };

async function started(options: Parameters<typeof listening>[0]) {
  const s = await listening(options);
  onTestFinished(() => s.close());
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${s.url}${path.slice(1)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  return { ...s, post };
}

/** The render threads' workers (private to the renderer: reached here only to kill one, as a crash would). */
const workersOf = (renderer: unknown): Worker[] =>
  (renderer as { current?: { pool: { slots: { worker: Worker }[] } } }).current?.pool.slots.map((slot) => slot.worker) ?? [];

describe('the server makes its sheets in worker threads', { timeout: 60_000 }, () => {
  it('each sheet has its own request\'s clock and paper, not the thread\'s', async () => {
    let now = NOW;
    const s = await started({ renderThreads: 1, clock: () => now });
    const first = await s.post('/api/handouts', { ...ZOE, paper: 'letter' });
    expect(first.status).toBe(200);
    expect((await readPdf(first.bytes)).flat).toMatch(/Prepared Monday, November 23, 2026, 8:00 AM/);
    expect((await PDFDocument.load(first.bytes)).getPage(0).getSize()).toEqual({ width: 612, height: 792 });

    now = NOW.plus({ days: 2, hours: 3 });
    const second = await s.post('/api/previews', { ...ZOE, name: 'Dana Reyes', paper: 'a4' });
    expect(second.status).toBe(200);
    const text = await readPdf(second.bytes);
    expect(text.flat).toContain('Dana Reyes');
    expect(text.flat).toMatch(/Prepared Wednesday, November 25, 2026, 11:00 AM/);
    const a4 = (await PDFDocument.load(second.bytes)).getPage(0).getSize();
    expect([Math.round(a4.width), Math.round(a4.height)]).toEqual([595, 842]);
  });

  it('many desks at once: every answer is its own patient\'s sheet', async () => {
    const s = await started({ renderThreads: 2 });
    const names = Array.from({ length: 16 }, (_, i) => `Made Up Person ${String.fromCharCode(65 + i)}`);
    const answers = await Promise.all(names.map((name, i) => s.post(i % 2 ? '/api/previews' : '/api/handouts', { ...ZOE, name, treatment: i % 3 ? 'standard' : 'aggressive' })));
    for (const [i, answer] of answers.entries()) {
      expect(answer.status).toBe(200);
      const pdf = await readPdf(answer.bytes);
      expect(pdf.pages).toBe(1);
      expect(pdf.flat).toContain(names[i]);
      for (const other of names) if (other !== names[i]) expect(pdf.flat).not.toContain(other);
      if (i % 3) expect(pdf.flat).not.toMatch(/balm/i);
      else expect(pdf.flat).toMatch(/occlusive\) balm/);
    }
  });

  it('a render thread that dies costs no request: that sheet is made anyway, and the next request gets a new thread', async () => {
    const s = await started({ renderThreads: 1 });
    const [worker] = workersOf(s.ctx.renderer);
    expect(worker).toBeDefined();
    const inFlight = s.post('/api/handouts', { ...ZOE, name: 'Ines Varga' });
    await new Promise((r) => setTimeout(r, 5));
    await worker!.terminate();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect((await readPdf(answer.bytes)).flat).toContain('Ines Varga');

    // Whether the kill came during that sheet or just after it, the sheets after it are made by a new thread.
    for (const name of ['Jonas Weir', 'Kaia Lund']) {
      const next = await s.post('/api/previews', { ...ZOE, name });
      expect(next.status).toBe(200);
      expect((await readPdf(next.bytes)).flat).toContain(name);
    }
    const [replacement] = workersOf(s.ctx.renderer as ThreadRenderer);
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(worker);
    expect(s.log.filter((l) => /a render thread stopped .*starting new ones/.test(l))).toHaveLength(1);
  });

  describe("a day's upload", () => {
    const rows = ['Name,Treatment,Date,Time', ...['Pia Sorensen', 'Omar Haddad', 'Lena Vogt', 'Rui Costa', 'Ada Novak'].map((n, i) => `${n},standard,2026-11-23,${9 + i}:00`)].join('\n');
    const upload = (s: Awaited<ReturnType<typeof started>>) =>
      fetch(`${s.url}api/batches`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: rows }).then(async (r) => ({ status: r.status, report: (await r.json()) as { made: number; rows: { file?: string }[] } }));

    it("is made by the server's warm render thread, with the batch's own clock", async () => {
      let now = NOW;
      const s = await started({ renderThreads: 1, clock: () => now });
      const [worker] = workersOf(s.ctx.renderer);
      let answered = 0;
      worker!.on('message', () => answered++);
      now = NOW.plus({ days: 1, hours: 2 });
      const { status, report } = await upload(s);
      expect(status).toBe(200);
      expect(report.made).toBe(5);
      // Every sheet came back from the server's own thread; no other threads were started for it.
      expect(answered).toBe(5);
      expect(workersOf(s.ctx.renderer)).toEqual([worker]);
      const file = report.rows.find((r) => r.file)!.file!;
      const text = (await readPdf(readFileSync(file))).flat;
      expect(text).toMatch(/Prepared Tuesday, November 24, 2026, 10:00 AM/);
      // And the desks' sheets go on as before.
      expect((await s.post('/api/previews', { ...ZOE, name: 'Dana Reyes' })).status).toBe(200);
    });

    it('after the render thread died, gets a new one and is made', async () => {
      const s = await started({ renderThreads: 1 });
      const [worker] = workersOf(s.ctx.renderer);
      await worker!.terminate();
      const { status, report } = await upload(s);
      expect(status).toBe(200);
      expect(report.made).toBe(5);
      const [replacement] = workersOf(s.ctx.renderer);
      expect(replacement).toBeDefined();
      expect(replacement).not.toBe(worker);
    });

    it("keeps its threads when the clinic's settings are saved meanwhile: they stop once it gives them back", async () => {
      const s = await started({ renderThreads: 1 });
      const visit = validateVisit(s.ctx.resources, ZOE, { now: NOW });
      const lent = s.ctx.renderer.lend(s.ctx.resources, NOW)!;
      await s.ctx.reload(); // new threads for the settings read again; these are retired
      await new Promise((r) => setTimeout(r, 50)); // and idle
      const job = { visit: visitData(visit), names: {}, now: NOW.toISO()! };
      expect((await lent.pool.submit(job)).status).toBe('rendered');
      lent.release();
      await new Promise((r) => setTimeout(r, 50));
      await expect(lent.pool.submit(job)).rejects.toThrow(/stopped/);
      // The desks' sheets are made by the new threads.
      expect((await s.post('/api/previews', { ...ZOE, name: 'Dana Reyes' })).status).toBe(200);
    });
  });
});
