import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { tempDir } from '../helpers/cli.js';
import { decodePng } from '../helpers/png.js';
import { NOW, resources } from '../helpers/resources.js';

const PASSWORD = '04121985';
const visitFields = { name: 'Zoë Okonkwo', treatment: 'aggressive', date: '2026-11-23T14:30', note: 'Deeper settings on the cheeks today.', area: 'Cheeks', dob: '1985-04-12' };

async function lockedSheet(): Promise<{ file: string; pdf: Buffer; dir: string }> {
  const visit = validateVisit(resources, visitFields, { now: NOW });
  await makeHandout(resources, visit, { now: NOW }); // the process's caches warm, as in a batch
  const { pdf } = await makeHandout(resources, visit, { now: NOW, password: PASSWORD });
  const dir = tempDir('handout-locked-');
  const file = join(dir, 'locked.pdf');
  writeFileSync(file, pdf);
  return { file, pdf, dir };
}

const qpdf = (...args: string[]) => spawnSync('qpdf', args, { encoding: 'utf8' });

describe('a sheet locked with the date of birth (AES-256)', () => {
  it('opens with the right password only (qpdf), and reads back whole', async () => {
    const { file, dir } = await lockedSheet();
    const enc = qpdf(`--password=${PASSWORD}`, '--show-encryption', file);
    expect(enc.stdout).toContain('R = 5');
    expect(enc.stdout).toContain('stream encryption method: AESv3');
    expect(enc.stdout).toContain('string encryption method: AESv3');
    expect(enc.stdout).toContain('print high resolution: allowed');
    expect(enc.stdout).toContain('extract for accessibility: allowed');

    const open = join(dir, 'open.pdf');
    for (const wrong of [[], ['--password=12041985'], ['--password=']]) {
      const r = qpdf(...wrong, '--decrypt', file, open);
      expect(r.status, wrong.join(' ')).toBe(2);
      expect(r.stderr).toContain('invalid password');
    }
    const right = qpdf(`--password=${PASSWORD}`, '--decrypt', file, open);
    expect(right.status, right.stderr).toBe(0);
    expect(qpdf('--check', open).stdout).toContain('No syntax or stream encoding errors');
  });

  it('pdf.js (through pdf-parse) reads its text with the password, and refuses without it', async () => {
    const { pdf } = await lockedSheet();
    await expect(new PDFParse({ data: new Uint8Array(pdf) }).getText()).rejects.toThrow(/password/i);
    await expect(new PDFParse({ data: new Uint8Array(pdf), password: '11111111' }).getText()).rejects.toThrow(/password/i);
    const parser = new PDFParse({ data: new Uint8Array(pdf), password: PASSWORD });
    const text = (await parser.getText({ pageJoiner: '' })).text.replace(/\s+/g, ' ');
    await parser.destroy();
    expect(text).toContain('For Zoë Okonkwo');
    expect(text).toContain('Deep microneedling on Monday, November 23, 2026 at 2:30 PM');
    expect(text).toContain('Deeper settings on the cheeks today.');
    expect(text).toContain('Book your next treatment between Monday, December 21 and Monday, January 4.');
  });

  it('renders as the same page (poppler, with the password): the lock changes nothing a patient sees', async () => {
    const { file, dir } = await lockedSheet();
    const r = spawnSync('pdftoppm', ['-png', '-r', '40', '-upw', PASSWORD, file, join(dir, 'page')]);
    expect(r.status, String(r.stderr)).toBe(0);
    const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pngs).toHaveLength(1);
    const { rgba } = decodePng(readFileSync(join(dir, pngs[0]!)));
    let ink = 0;
    for (let i = 0; i < rgba.length; i += 4) if (rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 600) ink++;
    expect(ink / (rgba.length / 4)).toBeGreaterThan(0.03); // a page of text, not a blank one
    expect(spawnSync('pdftoppm', ['-png', '-r', '40', file, join(dir, 'nopw')]).status).not.toBe(0);
  });

  it('holds nothing readable without the password: no name, note or treatment in the bytes (metadata included)', async () => {
    const { pdf } = await lockedSheet();
    const bytes = pdf.toString('latin1');
    for (const secret of ['Okonkwo', 'Deeper settings', 'icroneedling', 'Cheeks', 'Juniper']) expect(bytes).not.toContain(secret);
    // The unlocked sheet has them (the check above can fail).
    const visit = validateVisit(resources, visitFields, { now: NOW });
    expect((await makeHandout(resources, visit, { now: NOW })).pdf.toString('latin1')).toContain('icroneedling');
  });

  it('is never a PDF/A copy (PDF/A forbids encryption)', async () => {
    const visit = validateVisit(resources, visitFields, { now: NOW });
    await expect(makeHandout(resources, visit, { now: NOW, pdfa: true, password: PASSWORD })).rejects.toThrow(/PDF\/A copy cannot be encrypted/);
  });
});
