import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jpegJs from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { fitLogo } from '../../src/load/fit-logo.js';
import { imageInfo } from '../../src/load/image-info.js';
import { decodePng } from '../../src/load/image/decode-png.js';
import { decodeJpeg, jpegOrientation } from '../../src/load/image/jpeg.js';
import { ROOT } from '../../src/paths.js';
import { chunk, writePng, type PngSpec } from '../helpers/png-formats.js';

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'logos', name));

/** The same image in a bigger file: a PNG with a text chunk, a JPEG with comment segments. */
function padded(bytes: Buffer, size: number): Buffer {
  if (bytes[0] === 0x89) return Buffer.concat([bytes.subarray(0, 33), chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(size, 0x61)])), bytes.subarray(33)]);
  const segments: Buffer[] = [];
  for (let left = size; left > 0; left -= 65_000) {
    const body = Buffer.alloc(Math.min(left, 65_000), 0x61);
    segments.push(Buffer.from([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body);
  }
  return Buffer.concat([bytes.subarray(0, 2), ...segments, bytes.subarray(2)]);
}

/** Fit with the layout replaced by a fixed need: 100 x 40 pixels. */
const fit = (bytes: Buffer) => fitLogo(bytes, imageInfo(bytes)!, () => ({ width: 100, height: 40 }));

const png = (spec: Partial<PngSpec> & Pick<PngSpec, 'colorType'>) =>
  writePng({ width: 500, height: 200, depth: 8, sample: (x, y) => [x & 0xff, y & 0xff, 90, 255].slice(0, { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[spec.colorType]), ...spec });

describe('which logos are scaled down at load', () => {
  it.each([
    ['an opaque RGB PNG in a small file (PDFKit copies it as it is)', () => png({ colorType: 2 }), false],
    ['the same PNG in a file over 64 KB', () => padded(png({ colorType: 2 }), 70_000), true],
    ['an RGBA PNG, however small its file (PDFKit would decode it)', () => png({ colorType: 6 }), true],
    ['an interlaced PNG (PDFKit would decode it)', () => png({ colorType: 2, interlaced: true }), true],
    ['a palette PNG with transparency', () => png({ colorType: 3, palette: [[0, 0, 0], [200, 10, 10]], sample: (x) => [x % 2], trns: Buffer.from([0]) }), true],
    ['a palette PNG without transparency, in a small file', () => png({ colorType: 3, palette: [[0, 0, 0], [200, 10, 10]], sample: (x) => [x % 2] }), false],
    ['an RGBA PNG only 1.2 times the pixels it needs', () => png({ colorType: 6, width: 120, height: 48 }), false],
    ['an RGBA PNG 1.3 times the pixels it needs', () => png({ colorType: 6, width: 130, height: 52 }), true],
    ['a progressive JPEG in a file over 64 KB', () => padded(fixture('progressive-420.jpg'), 70_000), true],
    ['a progressive JPEG in a small file', () => fixture('progressive-420.jpg'), false],
    ['a CMYK JPEG, however big (its colours cannot be kept in RGB)', () => padded(fixture('cmyk.jpg'), 70_000), false],
  ])('%s', (_what, bytes, scaled) => {
    const file = bytes();
    const info = imageInfo(file)!;
    const result = fit(file);
    if (!scaled) {
      expect(result.bytes === file, 'the very same bytes').toBe(true);
      return;
    }
    // As many pixels as the need (rounded up), in the file's shape.
    const scale = Math.max(100 / info.width, 40 / info.height);
    expect([result.width, result.height]).toEqual([Math.ceil(info.width * scale), Math.ceil(info.height * scale)]);
    const decoded = decodePng(result.bytes);
    expect([decoded.width, decoded.height]).toEqual([result.width, result.height]);
  });

  it('keeps the file when its scaled PNG would weigh more (a much-compressed photograph)', () => {
    const [width, height] = [600, 240];
    const data = new Uint8Array(width * height * 4);
    let seed = 3;
    for (let i = 0; i < data.length; i++) data[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const jpeg = Buffer.from(jpegJs.encode({ width, height, data }, 60).data);
    expect(jpeg.length).toBeGreaterThan(64 * 1024);
    const result = fitLogo(jpeg, imageInfo(jpeg)!, () => ({ width: 460, height: 184 }));
    expect(result.bytes === jpeg, 'the very same bytes').toBe(true);
    expect([result.width, result.height]).toEqual([width, height]);
  });

  it('leaves a JPEG with an EXIF orientation as it is (PDFKit turns it; a PNG cannot say how)', () => {
    const jpeg = fixture('progressive-420.jpg');
    for (const [order, tiff] of [
      ['big-endian', [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]],
      ['little-endian', [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]],
    ] as const) {
      const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(tiff)]);
      const turned = padded(Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1, 0, body.length + 2]), body, jpeg.subarray(2)]), 70_000);
      expect(jpegOrientation(turned), order).toBe(6);
      expect(fit(turned).bytes === turned, 'the very same bytes').toBe(true);
    }
    expect(jpegOrientation(jpeg)).toBe(1);
  });
});

describe('JPEG logos are read with pdf.js', () => {
  it('reads a progressive, subsampled colour JPEG', () => {
    const image = decodeJpeg(fixture('progressive-420.jpg'));
    expect([image.width, image.height, image.gray]).toEqual([600, 240, false]);
    const at = (x: number, y: number) => Array.from(image.rgba.subarray((y * 600 + x) * 4, (y * 600 + x) * 4 + 4));
    expect(at(150, 120).map((v, i) => Math.abs(v - [176, 38, 84, 255][i]!))).toSatisfy((d: number[]) => d.every((v) => v <= 4));
    expect(at(450, 120).map((v, i) => Math.abs(v - [30, 50, 140, 255][i]!))).toSatisfy((d: number[]) => d.every((v) => v <= 4));
  });

  it('keeps a grey JPEG grey: its scaled copy is a grey PNG', () => {
    const image = decodeJpeg(fixture('gray.jpg'));
    expect(image.gray).toBe(true);
    expect([image.rgba[(120 * 600 + 150) * 4], image.rgba[(120 * 600 + 450) * 4]]).toSatisfy(([a, b]: number[]) => Math.abs(a! - 40) <= 3 && Math.abs(b! - 200) <= 3);
    const scaled = fit(padded(fixture('gray.jpg'), 70_000));
    expect(scaled.bytes[25]).toBe(0); // PNG colour type 0: grey
  });

  it('says what is wrong with a damaged JPEG (one cut short shows what it has, as a viewer would)', () => {
    const jpeg = fixture('progressive-420.jpg');
    const scan = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    expect(() => decodeJpeg(Buffer.concat([jpeg.subarray(0, scan + 20), Buffer.alloc(500, 0xff), Buffer.from([0xff, 0xd9])]))).toThrow(/marker/);
    expect(decodeJpeg(jpeg.subarray(0, 300)).width).toBe(600);
  });
});
