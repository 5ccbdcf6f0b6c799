import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit, type MakeOptions } from '../../src/handout.js';
import { ROOT } from '../../src/paths.js';
import { Resources } from '../../src/resources.js';
import { clinicWith } from '../helpers/clinic.js';
import { pageImage } from '../helpers/page-image.js';
import { Name, PdfFile, Ref, type Dict } from '../helpers/pdf-objects.js';
import { grainyLogoPng, JPEG_DISC, logoPng, photoLogoJpeg } from '../helpers/png.js';
import { NOW } from '../helpers/resources.js';
import { runCli, tempDir } from '../helpers/cli.js';

/** The sheet's images (an alpha channel's soft mask is part of its image, not one of its own). */
function sheetImages(bytes: Buffer): Array<{ width: number; height: number; filter: string; smask: boolean }> {
  const pdf = new PdfFile(bytes);
  const dicts = [...pdf.objects.values()].map((o) => o.value as Dict).filter((d) => d && (d.Subtype as Name | undefined)?.name === 'Image');
  const masks = new Set(dicts.flatMap((d) => (d.SMask instanceof Ref ? [d.SMask.num] : [])));
  return [...pdf.objects.entries()]
    .filter(([num, o]) => dicts.includes(o.value as Dict) && !masks.has(num))
    .map(([, o]) => {
      const d = o.value as Dict;
      return { width: d.Width as number, height: d.Height as number, filter: (d.Filter as Name).name, smask: d.SMask instanceof Ref };
    });
}

/**
 * The largest box the layout gives a logo, in points: 2.1 times the largest body size (12.5 pt)
 * tall, at most a fifth of letter's 552-point text width wide. At 300 dpi, a square logo needs
 * 26.25 / 72 * 300 = 109.4 pixels a side.
 */
const pixelsNeeded = (aspect: number) => {
  let height = 12.5 * 2.1;
  let width = height * aspect;
  if (width > 552 * 0.2) [width, height] = [552 * 0.2, (552 * 0.2) / aspect];
  return { width: Math.ceil((width * 300) / 72), height: Math.ceil((height * 300) / 72) };
};

async function sheet(resources: Resources, options: Partial<MakeOptions> = {}) {
  const visit = validateVisit(resources, { name: 'Wren Lindqvist', treatment: 'standard', date: '2026-11-23T10:00' }, { now: NOW });
  return makeHandout(resources, visit, { now: NOW, ...options });
}

/** Resources for a clinic with this logo; `asItIs`: every sheet embeds the file itself (what happened before logos were scaled). */
function clinicResources(file: string, bytes: Buffer, asItIs = false): Resources {
  const resources = new Resources({ config: clinicWith({ logo: file }, { [file]: bytes }) });
  if (asItIs) resources.clinic.logo!.sheetBytes = bytes;
  return resources;
}

const near = (rgba: Buffer, i: number, rgb: readonly number[], tolerance: number) => rgb.every((v, k) => Math.abs(rgba[i + k]! - v) <= tolerance);

describe.each([
  // [what, file name, bytes, width / height, colour of its middle, tolerance (the JPEG has grain), alpha, most bytes it may add to a sheet]
  ['a 1,900-pixel RGBA PNG (a disc on transparency)', 'logo.png', grainyLogoPng(), 1, [11, 90, 97], 6, true, 15_000],
  ['a 1,900-pixel JPEG', 'logo.jpg', photoLogoJpeg(), 1, JPEG_DISC, 24, false, 15_000],
  // The largest box, filled with photographic noise: the worst case for the PNG copy.
  ['a 1,900 x 400 JPEG, wider than the box allows', 'logo.jpg', photoLogoJpeg(1900, 400), 1900 / 400, JPEG_DISC, 24, false, 60_000],
] as const)('a logo with far more pixels than the sheet prints: %s', (_what, file, bytes, aspect, middle, tolerance, alpha, added) => {
  it('is embedded once scaled down to what its largest box needs at 300 dpi, and the sheet is small', async () => {
    const resources = clinicResources(file, bytes);
    const noLogo = (await sheet(new Resources({ config: clinicWith({ logo: undefined }) }))).pdf;
    const most = pixelsNeeded(aspect);
    for (const paper of ['letter', 'a4'] as const) {
      const handout = await sheet(resources, { paper });
      const [image, ...others] = sheetImages(handout.pdf);
      expect(others).toEqual([]);
      expect(image!.width).toBeLessThanOrEqual(most.width);
      expect(image!.height).toBeLessThanOrEqual(most.height);
      // ...and still 300 dpi in the box this sheet drew it in.
      const box = handout.layout.logo!;
      expect(image!.width).toBeGreaterThanOrEqual(Math.floor((box.width * 300) / 72));
      expect(image!.height).toBeGreaterThanOrEqual(Math.floor((box.height * 300) / 72));
      // A PNG now, whatever the file was: lossless, no second round of JPEG artefacts.
      expect(image!.filter).toBe('FlateDecode');
      expect(image!.smask).toBe(alpha);
      // Before, every sheet carried the whole file (and took seconds to make, for the PNG).
      expect(handout.pdf.length - noLogo.length).toBeLessThan(added);
      expect(handout.pdf.length - noLogo.length).toBeLessThan(bytes.length / 2.5);
    }
  });

  it('still shows the logo where it was, in its colours, its transparent parts showing the paper', async () => {
    const scaled = await sheet(clinicResources(file, bytes));
    const asItWas = await sheet(clinicResources(file, bytes, true));
    const scale = 2; // 144 dpi
    const now = await pageImage(scaled.pdf, scale);
    const before = await pageImage(asItWas.pdf, scale);
    expect([now.width, now.height]).toEqual([before.width, before.height]);

    const box = scaled.layout.logo!;
    expect(asItWas.layout.logo).toEqual(box);
    const at = (x: number, y: number) => (Math.round(y * scale) * now.width + Math.round(x * scale)) * 4;
    // The middle of the box is the logo's colour; a corner of the box (outside the disc) is white paper.
    expect(Array.from(now.rgba.subarray(at(box.x + box.width / 2, box.y + box.height / 2), at(box.x + box.width / 2, box.y + box.height / 2) + 3))).toSatisfy(
      (rgb: number[]) => rgb.every((v, k) => Math.abs(v - middle[k]!) <= tolerance),
    );
    expect(near(now.rgba, at(box.x + 1, box.y + 1), [255, 255, 255], 3)).toBe(true);

    // Pixel for pixel, the page is the one the full-size logo made: the same outside the box, and
    // inside it no more than resampling changes (the grain and the disc's anti-aliased edge).
    let outside = 0;
    let insideDiff = 0;
    let inside = 0;
    for (let y = 0; y < now.height; y++) {
      for (let x = 0; x < now.width; x++) {
        const i = (y * now.width + x) * 4;
        const diff = Math.max(Math.abs(now.rgba[i]! - before.rgba[i]!), Math.abs(now.rgba[i + 1]! - before.rgba[i + 1]!), Math.abs(now.rgba[i + 2]! - before.rgba[i + 2]!));
        const inBox = x >= box.x * scale - 1 && x <= (box.x + box.width) * scale + 1 && y >= box.y * scale - 1 && y <= (box.y + box.height) * scale + 1;
        if (inBox) {
          inside++;
          insideDiff += diff;
        } else if (diff > 0) outside++;
      }
    }
    expect(outside).toBe(0);
    expect(insideDiff / inside).toBeLessThan(6);
  });
});

describe('a logo the sheet can take as it is', () => {
  it.each([
    ['a small RGBA PNG (96 x 64)', 'logo.png', logoPng(96, 64), 96, 64],
    // More pixels than the box needs, but 7 KB that PDFKit copies as they are: decoding it at every start would cost more.
    ["the example clinic's 240-pixel RGB PNG", 'logo.png', readFileSync(join(ROOT, 'examples', 'logo.png')), 240, 240],
  ])('%s is embedded byte for byte', async (_what, file, bytes, width, height) => {
    const resources = clinicResources(file, bytes);
    expect(resources.clinic.logo!.sheetBytes === resources.clinic.logo!.bytes, 'the very same bytes').toBe(true);
    expect(resources.clinic.logo!.bytes.equals(bytes)).toBe(true);
    const [image] = sheetImages((await sheet(resources)).pdf);
    expect([image!.width, image!.height]).toEqual([width, height]);
  });
});

describe('a large JPEG with an EXIF orientation', () => {
  it('is embedded as it is: PDFKit turns it by its orientation, which a PNG cannot carry', async () => {
    const bytes = photoLogoJpeg(1900, 950, 6);
    const resources = clinicResources('logo.jpg', bytes);
    expect(resources.clinic.logo!.sheetBytes === resources.clinic.logo!.bytes, 'the very same bytes').toBe(true);
    const [image] = sheetImages((await sheet(resources)).pdf);
    expect([image!.width, image!.height, image!.filter]).toEqual([1900, 950, 'DCTDecode']);
  });

  it('gets a box of the shape it is shown in: a 1900 x 950 photo turned a quarter (orientation 6) is drawn tall, not squashed', async () => {
    const resources = clinicResources('logo.jpg', photoLogoJpeg(1900, 950, 6));
    const handout = await sheet(resources);
    const box = handout.layout.logo!;
    expect(box.width / box.height).toBeCloseTo(950 / 1900, 2);
    // What a viewer draws in that box: the (elliptic) disc, twice as tall as wide, as in the photo turned upright.
    const scale = 3;
    const page = await pageImage(handout.pdf, scale);
    let [left, right, top, bottom] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let y = Math.floor(box.y * scale); y < Math.ceil((box.y + box.height) * scale); y++) {
      for (let x = Math.floor(box.x * scale); x < Math.ceil((box.x + box.width) * scale); x++) {
        const i = (y * page.width + x) * 4;
        if (page.rgba[i]! + page.rgba[i + 1]! + page.rgba[i + 2]! > 600) continue; // the white around the disc
        [left, right, top, bottom] = [Math.min(left, x), Math.max(right, x), Math.min(top, y), Math.max(bottom, y)];
      }
    }
    expect((bottom - top) / (right - left)).toBeGreaterThan(1.7);
    expect((bottom - top) / (right - left)).toBeLessThan(2.3);
  });
});

describe('the archival copy (PDF/A-2b) with a scaled logo', () => {
  it('keeps the logo tagged as a Figure, its transparency as a soft mask (PDF/A-2 allows it)', async () => {
    const handout = await sheet(clinicResources('logo.png', grainyLogoPng()), { pdfa: true });
    const [image] = sheetImages(handout.pdf);
    expect(image!.smask).toBe(true);
    expect(image!.width).toBeLessThanOrEqual(110);
    const text = handout.pdf.toString('latin1');
    expect(text).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(text).toMatch(/\/S \/Figure/);
  });
});

describe('a one-sheet `handout generate`', () => {
  it('embeds a large JPEG as it is (copying it once costs nothing; decoding it would cost a second), and still scales a transparent PNG', async () => {
    const jpeg = photoLogoJpeg();
    const jpegConfig = clinicWith({ logo: 'logo.jpg' }, { 'logo.jpg': jpeg });
    const out = tempDir();
    const made = await runCli(['generate', '--name', 'Wren Lindqvist', '--treatment', 'standard', '--date', '2026-11-23T10:00', '--config', jpegConfig, '--out', out, '--json']);
    expect(made.status).toBe(0);
    const [asItIs] = sheetImages(readFileSync((JSON.parse(made.stdout) as { file: string }).file));
    expect([asItIs!.width, asItIs!.height, asItIs!.filter]).toEqual([1900, 1900, 'DCTDecode']);
    // The server and the batch (many sheets) embed the scaled copy.
    const [scaled] = sheetImages((await sheet(new Resources({ config: jpegConfig }))).pdf);
    expect(scaled!.width).toBeLessThanOrEqual(pixelsNeeded(1).width);

    const png = new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': grainyLogoPng() }) }, {}, { oneSheet: true });
    const [pngImage] = sheetImages((await sheet(png)).pdf);
    expect(pngImage!.width).toBeLessThanOrEqual(pixelsNeeded(1).width);
  });
});
