import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLE_CONFIG, runCli, tempDir } from '../helpers/cli.js';
import { PDFParse } from 'pdf-parse';
import { readPdf } from '../helpers/pdf.js';

// Enough that the kill (after the third sheet) lands with most rows still to make.
const ROWS = 60;
const FIRST = ['Ana', 'Zoë', 'Łukasz', 'Ελένη', 'José', 'Søren', 'Chloé', 'Priya'];
const LAST = ['Ruiz', "O'Brien", 'Żółkiewski', 'Παπαδοπούλου', 'Peña', 'Larsen', 'Dubois', 'Nair', 'Chen', 'Haddad'];

function appointments(dir: string): string {
  const lines = ['Name,Treatment,Date,Time,Note'];
  for (let i = 0; i < ROWS; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    lines.push(`${name},${i % 3 ? 'standard' : 'aggressive'},2026-11-23,${8 + (i % 10)}:${String((i * 7) % 60).padStart(2, '0')},"Visit ${i}, see you soon."`);
  }
  const file = join(dir, 'appointments.csv');
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** Start the batch, and SIGKILL it as soon as the first few sheets are on disk. */
function startAndKill(file: string, out: string, day: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'batch', file, '--out', out, '--config', EXAMPLE_CONFIG, '--jobs', '2'], { stdio: 'ignore' });
    const timer = setInterval(() => {
      if (existsSync(day) && readdirSync(day).filter((f) => f.endsWith('.pdf')).length >= 3) child.kill('SIGKILL');
    }, 5);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the batch ended before it could be interrupted (exit ${code})`));
      else resolve();
    });
  });
}

/** Every *.pdf in the folder opens as a whole one-page PDF (a quick parse of each, the full text of a few). */
async function assertEveryPdfIsWhole(day: string): Promise<string[]> {
  const files = readdirSync(day).filter((f) => f.endsWith('.pdf')).sort();
  for (const [i, f] of files.entries()) {
    const data = new Uint8Array(readFileSync(join(day, f)));
    if (i % 40 === 0) {
      const pdf = await readPdf(data);
      expect(pdf.pages, f).toBe(1);
      expect(pdf.flat, f).toMatch(/Visit \d+, see you soon\./);
      continue;
    }
    const parser = new PDFParse({ data });
    try {
      expect((await parser.getInfo()).total, f).toBe(1);
    } finally {
      await parser.destroy();
    }
  }
  return files;
}

describe('an interrupted batch', () => {
  it('leaves no broken PDF when killed mid-way, and a rerun makes every sheet', async () => {
    const dir = tempDir();
    const file = appointments(dir);
    const out = join(dir, 'out');
    const day = join(out, '2026-11-23');

    await startAndKill(file, out, day);
    const before = await assertEveryPdfIsWhole(day);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(ROWS);

    const r = await runCli(['batch', file, '--out', out, '--config', EXAMPLE_CONFIG, '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.made + report.unchanged).toBe(ROWS);
    expect(report.made).toBeGreaterThan(0);
    expect(report.unchanged).toBeGreaterThan(0); // what was finished before the kill is not made again
    const after = await assertEveryPdfIsWhole(day);
    expect(after.sort()).toEqual(report.rows.map((row: { file: string }) => row.file.slice(day.length + 1)).sort());
    expect(readdirSync(day).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const third = JSON.parse((await runCli(['batch', file, '--out', out, '--config', EXAMPLE_CONFIG, '--json'])).stdout);
    expect(third).toMatchObject({ made: 0, unchanged: ROWS });
  });
});
