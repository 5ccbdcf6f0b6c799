import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { clinicWith } from '../helpers/clinic.js';
import { grainyLogoPng, logoPng } from '../helpers/png.js';

/** A PNG whose header says it is width x height (its pixel data is never reached: it is refused first). */
function claimsSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29); // IHDR's checksum
  return out;
}

const ONE = ['--name', 'Ada Lindqvist', '--treatment', 'standard', '--date', '2026-11-23T14:30'];

describe('a logo too big to be one is refused with the limits', () => {
  it.each([
    ['12,000 x 12,000 pixels in a small file', () => claimsSize(logoPng(), 12_000, 12_000), /12000 x 12000 pixels; at most 2000 x 2000/],
    ['a 3 MB file', () => Buffer.concat([readFileSync(join(ROOT, 'examples', 'logo.png')), Buffer.alloc(3 * 1024 * 1024)]), /is 3\.0 MB; at most 1 MB is read/],
  ])('%s: rules check and generate exit 3', async (_what, bytes, limits) => {
    const config = clinicWith({ logo: 'logo.png' }, { 'logo.png': bytes() });
    const check = await runCli(['rules', 'check', '--config', config]);
    expect(check.stderr).toMatch(limits);
    expect(check.status).toBe(3);
    const gen = await runCli(['generate', ...ONE, '--out', join(config, '..', 'out'), '--config', config]);
    expect(gen.stderr).toMatch(limits);
    expect(gen.status).toBe(3);
  });
});

describe('a large logo that cannot be decoded (to be scaled down once, at load)', () => {
  it('is refused by rules check and generate, naming the file and what is wrong with it', async () => {
    const logo = grainyLogoPng(1200);
    const damaged = Buffer.from(logo);
    damaged.fill(0x55, 200, 400); // inside the compressed pixels
    const config = clinicWith({ logo: 'logo.png' }, { 'logo.png': damaged });
    const check = await runCli(['rules', 'check', '--config', config]);
    expect(check.stderr).toMatch(/logo .*logo\.png is a damaged PNG image: its image data cannot be decompressed/);
    expect(check.status).toBe(3);
    const gen = await runCli(['generate', ...ONE, '--out', join(config, '..', 'out'), '--config', config]);
    expect(gen.stderr).toMatch(/damaged PNG/);
    expect(gen.status).toBe(3);
  });
});

describe('rules check on a logo scaled down at each start', () => {
  it('says so, with the size a copy needs (the example logo, used as it is, gets no warning)', async () => {
    const config = clinicWith({ logo: 'logo.png' }, { 'logo.png': grainyLogoPng(1200) });
    const check = await runCli(['rules', 'check', '--config', config]);
    expect(check.status).toBe(0);
    expect(check.stderr).toMatch(/warning: the logo .*logo\.png is 1200 x 1200 pixels; a sheet prints at most 110 x 110 of them \(300 dpi\)/);
    const example = await runCli(['rules', 'check', '--config', clinicWith({})]);
    expect(example.status).toBe(0);
    expect(example.stderr).not.toContain('the logo');
  });
});
