import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { insideFolder, writeAtomic, writeAtomicAsync } from '../../src/deliver/write-atomic.js';
import { listening } from '../helpers/server.js';
import { EXAMPLE_CONFIG, ROOT, runCli, tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { fillDisk, mountTmpfs } from '../helpers/tmpfs.js';

const ONE = ['--name', 'Ada Lindqvist', '--treatment', 'standard', '--date', '2026-11-23T14:30', '--config', EXAMPLE_CONFIG];
const APPOINTMENTS = join(ROOT, 'examples', 'appointments.csv');

/** Every file anywhere under dir, with its size. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

describe('a disk that fills up', () => {
  /** A fresh 5 MB disk for this test, unmounted after it. */
  const onDisk = (ctx: { skip: (note?: string) => void }): string => {
    const disk = mountTmpfs('size=5m');
    if (typeof disk === 'string') {
      console.warn(`skipped: ${disk}`);
      ctx.skip(disk);
      return '';
    }
    onTestFinished(() => disk.unmount());
    return disk.dir;
  };

  it('writeAtomic leaves no file under the real name and no temporary file, and names the full disk', async (ctx) => {
    const dir = onDisk(ctx);
    fillDisk(dir, 40 * 1024);
    const target = join(dir, 'sheet.pdf');
    let error: unknown;
    try {
      writeAtomic(target, Buffer.alloc(200 * 1024, 7));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_IO', message: expect.stringMatching(/disk .* is full/) });
    expect(readdirSync(dir)).toEqual(['filler']);
  });

  it('writeAtomicAsync (the server\'s) leaves no file under the real name and no temporary file, and names the full disk', async (ctx) => {
    const dir = onDisk(ctx);
    fillDisk(dir, 40 * 1024);
    await expect(writeAtomicAsync(join(dir, 'sheet.pdf'), Buffer.alloc(200 * 1024, 7))).rejects.toMatchObject({ code: 'E_IO', message: expect.stringMatching(/disk .* is full/) });
    expect(readdirSync(dir)).toEqual(['filler']);
  });

  it('the server on a full disk answers 500 saying a file could not be written, and leaves no cut-off PDF', async (ctx) => {
    const dir = onDisk(ctx);
    fillDisk(dir, 40 * 1024);
    const s = await listening({ out: dir });
    onTestFinished(() => s.close());
    const res = await fetch(`${s.url}api/handouts`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T14:30' }) });
    expect(res.status).toBe(500);
    const { errors } = (await res.json()) as { errors: { message: string }[] };
    expect(errors[0]!.message).toMatch(/could not be written in the output folder \(.*full/);
    expect(readdirSync(dir)).toEqual(['filler']);
  });

  it('generate exits 5 naming the full disk, with no cut-off PDF left behind', async (ctx) => {
    const dir = onDisk(ctx);
    fillDisk(dir, 40 * 1024);
    const r = await runCli(['generate', ...ONE, '--out', dir]);
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/the disk that holds .* is full/);
    expect(readdirSync(dir)).toEqual(['filler']);
  });

  it('batch stops with exit 5 and leaves only whole PDFs and whole manifest lines', async (ctx) => {
    const dir = onDisk(ctx);
    fillDisk(dir, 120 * 1024);
    const r = await runCli(['batch', APPOINTMENTS, '--out', dir, '--config', EXAMPLE_CONFIG, '--jobs', '1']);
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/is full/);
    const files = filesUnder(dir).filter((f) => !f.endsWith('filler'));
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const f of files.filter((f) => f.endsWith('.pdf'))) expect((await readPdf(readFileSync(f))).pages, f).toBe(1);
    for (const f of files.filter((f) => f.endsWith('.handout-batch'))) {
      for (const line of readFileSync(f, 'utf8').split('\n').slice(0, -1)) expect(line).toMatch(/^[0-9a-f]{64} [0-9a-f]{64} (protocol=\S+ )?\S+\.pdf$/);
    }
  });
});

describe('an output folder that is not a folder', () => {
  it('--out naming a file: generate, batch and email exit 5 and say so', async () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    for (const args of [
      ['generate', ...ONE, '--out', file],
      ['batch', APPOINTMENTS, '--out', file, '--config', EXAMPLE_CONFIG],
      ['email', APPOINTMENTS, '--out', file, '--config', EXAMPLE_CONFIG],
    ]) {
      const r = await runCli(args);
      expect(r.stderr, args[0]).not.toContain('internal error');
      expect(r.stderr, args[0]).toContain(`${file} is a file, not a folder`);
      expect(r.status, args[0]).toBe(5);
    }
    expect(statSync(file).size).toBe(1);
  });

  it('a read-only folder is called read-only, not missing', async (ctx) => {
    const ro = mountTmpfs('size=1m,ro');
    if (typeof ro === 'string') {
      console.warn(`skipped: ${ro}`);
      return ctx.skip(ro);
    }
    try {
      for (const out of [ro.dir, join(ro.dir, 'sub')]) {
        const r = await runCli(['generate', ...ONE, '--out', out]);
        expect(r.status).toBe(5);
        expect(r.stderr).toMatch(/read-only/);
        expect(r.stderr).not.toContain('ENOENT');
      }
      const b = await runCli(['batch', APPOINTMENTS, '--out', ro.dir, '--config', EXAMPLE_CONFIG]);
      expect(b.status).toBe(5);
      expect(b.stderr).toMatch(/read-only/);
    } finally {
      ro.unmount();
    }
  });

  it('--out / is the same folder for generate and batch: a file name inside the root is inside it', async () => {
    expect(insideFolder('/', 'a.pdf')).toBe('/a.pdf');
    expect(insideFolder('/2026-11-23', 'a.pdf')).toBe('/2026-11-23/a.pdf');
    expect(() => insideFolder('/', '../a.pdf')).toThrow(/would leave the output folder/);
    expect(() => insideFolder('/srv/out', '../a.pdf')).toThrow(/would leave the output folder/);
  });
});
