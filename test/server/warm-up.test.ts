import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { warmUpVisits } from '../../src/server/warm-up.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW, resources } from '../helpers/resources.js';
import { listening } from '../helpers/server.js';

const ZOE = { name: "Zoë O'Brien", treatment: 'aggressive', date: '2026-11-23T14:30', area: 'Cheeks' };
const warmedUp = (log: string[]) => log.find((line) => line.startsWith('render threads warmed up'));

describe('the server warms its render threads up in the background', { timeout: 60_000 }, () => {
  it('makes the made-up sheets it says, writes none of them, and says nothing of who they were for', async () => {
    const s = await listening({ renderThreads: 1, warmUpSheets: 40 });
    onTestFinished(() => s.close());
    await vi.waitFor(() => expect(warmedUp(s.log)).toBeDefined(), { timeout: 30_000, interval: 50 });
    expect(warmedUp(s.log)).toMatch(/^render threads warmed up: 40 made-up sheets in \d+\.\d s \(nothing written\)$/);
    // No sheet, manifest or delivery log: the output folder is not even made.
    expect(existsSync(s.out) ? readdirSync(s.out) : []).toEqual([]);
    expect(s.log.join('\n')).not.toMatch(/Maya|Zoë|Łukasz|O'Brien|Okonkwo/);
  });

  it('a desk that asks during the warm-up waits for one made-up sheet at most, not for the rest', async () => {
    const s = await listening({ renderThreads: 1, warmUpSheets: 1000 });
    onTestFinished(() => s.close());
    const res = await fetch(`${s.url}api/previews`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ZOE) });
    expect(res.status).toBe(200);
    expect((await readPdf(new Uint8Array(await res.arrayBuffer()))).flat).toContain("Zoë O'Brien");
    // Were the made-up sheets queued all at once, this answer would have come after the 1,000th.
    expect(warmedUp(s.log)).toBeUndefined();
    // Stopping in the middle of the warm-up does not wait for it.
    await s.close();
  });

  it("a day's upload during the warm-up is made whole, with its own patients' sheets, and the warm-up then finishes", async () => {
    const s = await listening({ renderThreads: 1, warmUpSheets: 150 });
    onTestFinished(() => s.close());
    const names = ['Pia Sorensen', 'Omar Haddad', 'Lena Vogt', 'Rui Costa', 'Ada Novak', 'Ines Varga'];
    const csv = ['Name,Treatment,Date,Time', ...names.map((n, i) => `${n},${i % 2 ? 'standard' : 'aggressive'},2026-11-23,${9 + i}:00`)].join('\n');
    const res = await fetch(`${s.url}api/batches`, { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { made: number; rows: { file?: string; name?: string }[] };
    expect(report.made).toBe(names.length);
    for (const [i, row] of report.rows.entries()) {
      const text = (await readPdf(readFileSync(row.file!))).flat;
      expect(text).toContain(names[i]);
      for (const made of ['Maya', 'Łukasz', 'Ελένη', 'Kwame']) expect(text).not.toContain(made);
    }
    await vi.waitFor(() => expect(warmedUp(s.log)).toMatch(/: 150 made-up sheets in /), { timeout: 30_000, interval: 50 });
    // Only the upload's sheets were written.
    expect(readdirSync(join(s.out, '2026-11-23')).filter((f) => f.endsWith('.pdf'))).toHaveLength(names.length);
  });

  it('a reload (saved settings) warms the new threads up; the old threads\' warm-up stops without a word', async () => {
    const s = await listening({ renderThreads: 1, warmUpSheets: 30 });
    onTestFinished(() => s.close());
    await s.ctx.reload();
    await vi.waitFor(() => expect(warmedUp(s.log)).toBeDefined(), { timeout: 30_000, interval: 50 });
    await s.close();
    expect(s.log.filter((line) => line.startsWith('render threads warmed up'))).toEqual([expect.stringMatching(/: 30 made-up sheets in /)]);
  });

  it('uses made-up visits of the day, in both treatments, at the day\'s hours, in every language the clinic has', () => {
    const r = resources;
    const visits = [...warmUpVisits(r, NOW, 48)];
    expect(visits).toHaveLength(48);
    expect(new Set(visits.map((v) => v.treatment))).toEqual(new Set(['standard', 'aggressive']));
    expect(new Set(visits.map((v) => v.language))).toEqual(new Set(r.languages));
    expect(new Set(visits.map((v) => v.treatedAt.toISODate()))).toEqual(new Set([NOW.setZone(r.clinic.clinic.timeZone).toISODate()]));
    expect(new Set(visits.map((v) => v.treatedAt.hour)).size).toBe(12);
    expect(new Set(visits.map((v) => v.patient.name)).size).toBeGreaterThan(10);
    expect(visits.some((v) => v.note)).toBe(true);
  });
});
