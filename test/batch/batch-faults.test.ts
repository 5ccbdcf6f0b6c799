import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLE_CONFIG, ROOT, runCli, tempDir } from '../helpers/cli.js';

function appointments(dir: string, rows: number): string {
  const lines = ['Name,Treatment,Date,Time'];
  for (let i = 0; i < rows; i++) lines.push(`Patient ${i} Example,${i % 3 ? 'standard' : 'aggressive'},2026-11-23,${8 + (i % 10)}:${String((i * 7) % 60).padStart(2, '0')}`);
  const file = join(dir, 'appointments.csv');
  writeFileSync(file, lines.join('\n'));
  return file;
}

function startBatch(file: string, out: string): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'batch', file, '--out', out, '--config', EXAMPLE_CONFIG, '--jobs', '1'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HANDOUT_CONFIG: '' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stderr }));
  });
}

describe('batch: what a bad day does to the output folder', () => {
  it('a day folder that is a link to somewhere else gets no sheets: writes stay inside the real output folder', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(out);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(out, '2026-11-23'));
    const r = await runCli(['batch', join(ROOT, 'examples', 'appointments.csv'), '--out', out, '--config', EXAMPLE_CONFIG]);
    expect(r.status).toBe(5);
    expect(r.stderr).toContain(`${join(out, '2026-11-23')} is a link to ${elsewhere}, outside the output folder`);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a second batch on the same folder while one runs is refused, not run twice', async () => {
    const dir = tempDir();
    const file = appointments(dir, 100);
    const out = join(dir, 'out');
    const day = join(out, '2026-11-23');
    const first = startBatch(file, out);
    // Start the second once the first is surely writing. The second runs in this process (another
    // process than the first's): it meets the lock within a tenth of a second, long before the first
    // has made its 100 sheets; had the first finished already, the second would exit 0 and this fail.
    while (!(existsSync(day) && readdirSync(day).some((f) => f.endsWith('.pdf')))) await new Promise((r) => setTimeout(r, 10));
    const second = await runCli(['batch', file, '--out', out, '--config', EXAMPLE_CONFIG]);
    const one = await first;
    expect(one.status).toBe(0);
    expect(second.status).toBe(8);
    expect(second.stderr).toMatch(/another handout command \(process \d+\) is making sheets in /);
    const manifest = readFileSync(join(day, '.handout-batch'), 'utf8').trim().split('\n');
    expect(manifest).toHaveLength(100);
    expect(readdirSync(day).filter((f) => f.endsWith('.pdf'))).toHaveLength(100);
  });
});
