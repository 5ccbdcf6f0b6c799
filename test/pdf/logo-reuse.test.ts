import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { clinicWith } from '../helpers/clinic.js';
import { Name, PdfFile, type Dict } from '../helpers/pdf-objects.js';
import { logoPng } from '../helpers/png.js';
import { NOW } from '../helpers/resources.js';
import { ROOT } from '../../src/paths.js';

/**
 * Every image XObject of a sheet: its dictionary (references dropped) and its decoded pixels, as
 * base64 (the same bytes compare equal as one string; toEqual on a Buffer goes byte by byte, seconds for a photo).
 */
function images(bytes: Buffer): { dict: Dict; pixels: string; mask?: string }[] {
  const pdf = new PdfFile(bytes);
  return [...pdf.objects.values()]
    .filter((o) => o.stream && o.value && (o.value as Dict).Subtype instanceof Name && ((o.value as Dict).Subtype as Name).name === 'Image' && !(o.value as Dict).Decode)
    .map((o) => {
      const { Length: _l, SMask, DecodeParms, ...dict } = o.value as Dict;
      return { dict: { ...dict, DecodeParms: pdf.resolve(DecodeParms) ?? null } as Dict, pixels: inflateSync(o.stream!).toString('base64'), ...(SMask && { mask: pdf.stream(SMask).toString('base64') }) };
    });
}

/** A one-page PDF in which PDFKit alone draws the image. */
function pdfkitAlone(image: Buffer): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A6', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.image(image, 0, 0, { width: 100 });
  doc.end();
  return done;
}

// The logo is parsed once per process and each document gets a copy (src/pdf/logo-image.ts): the
// 2nd and 100th sheet of a batch must carry the very same image as the 1st.
describe.each([
  ['an RGBA PNG (transparency: colour and alpha split once)', 'logo.png', () => logoPng()],
  ['an RGB PNG (the example clinic\'s)', 'logo.png', () => readFileSync(join(ROOT, 'examples', 'logo.png'))],
])('a logo that is %s', (_label, file, bytes) => {
  it('is the same image on every sheet a process makes', async () => {
    const resources = new Resources({ config: clinicWith({ logo: file }, { [file]: bytes() }) });
    const sheets = [];
    for (const name of ['Maya Reyes', 'Wren Lindqvist', 'Chidi Okonkwo']) {
      const visit = validateVisit(resources, { name, treatment: 'standard', date: '2026-11-23T10:00' }, { now: NOW });
      sheets.push(images((await makeHandout(resources, visit, { now: NOW })).pdf));
    }
    // The same image PDFKit itself writes for this file, with no cache in between.
    expect(sheets[0]).toEqual(images(await pdfkitAlone(bytes())));
    expect(sheets[0]![0]!.pixels.length).toBeGreaterThan(0);
    for (const later of sheets.slice(1)) expect(later).toEqual(sheets[0]);
  });
});
