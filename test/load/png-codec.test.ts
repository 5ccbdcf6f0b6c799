import { describe, expect, it } from 'vitest';
import { decodePng } from '../../src/load/image/decode-png.js';
import { encodePng } from '../../src/load/image/encode-png.js';
import { shrink } from '../../src/load/image/shrink.js';
import { chunk, writePng, type PngSpec } from '../helpers/png-formats.js';

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** A pattern that uses every sample value the depth allows, different per channel. */
const pattern = (spec: Pick<PngSpec, 'colorType' | 'depth'>, paletteSize = 0) => (x: number, y: number) => {
  const max = spec.colorType === 3 ? paletteSize - 1 : 2 ** spec.depth - 1;
  return Array.from({ length: CHANNELS[spec.colorType] }, (_, c) => ((x * 7 + y * 13 + c * 5) * (spec.depth === 16 ? 257 : 1)) % (max + 1));
};

/** What each pixel must decode to, worked out from the spec alone. */
function expected(spec: PngSpec): Uint8Array {
  const out = new Uint8Array(spec.width * spec.height * 4);
  const max = 2 ** spec.depth - 1;
  const to8 = (v: number) => (spec.depth === 16 ? v >> 8 : Math.round((v * 255) / max));
  for (let y = 0; y < spec.height; y++) {
    for (let x = 0; x < spec.width; x++) {
      const s = spec.sample(x, y);
      const o = (y * spec.width + x) * 4;
      if (spec.colorType === 3) {
        out.set([...spec.palette![s[0]!]!, spec.trns && s[0]! < spec.trns.length ? spec.trns[s[0]!]! : 255], o);
        continue;
      }
      const rgb = spec.colorType === 0 || spec.colorType === 4 ? [s[0]!, s[0]!, s[0]!] : s.slice(0, 3);
      const key = spec.trns && Array.from({ length: spec.trns.length / 2 }, (_, i) => spec.trns!.readUInt16BE(i * 2));
      const keyed = key && key.every((k, i) => k === s[i]);
      const alpha = spec.colorType === 4 || spec.colorType === 6 ? to8(s[s.length - 1]!) : keyed ? 0 : 255;
      out.set([...rgb.map(to8), alpha], o);
    }
  }
  return out;
}

const PALETTE: Array<[number, number, number]> = Array.from({ length: 200 }, (_, i) => [i, 255 - i, (i * 37) % 256]);

const FORMATS: Array<[string, Omit<PngSpec, 'width' | 'height' | 'sample'>]> = [
  ...([1, 2, 4, 8, 16] as const).map((depth): [string, Omit<PngSpec, 'width' | 'height' | 'sample'>] => [`grey, ${depth}-bit`, { colorType: 0, depth }]),
  ['grey, 4-bit, a transparent grey level (tRNS)', { colorType: 0, depth: 4, trns: Buffer.from([0, 5]) }],
  ['RGB, 8-bit', { colorType: 2, depth: 8 }],
  ['RGB, 16-bit', { colorType: 2, depth: 16 }],
  ['RGB, 8-bit, a transparent colour (tRNS)', { colorType: 2, depth: 8, trns: Buffer.from([0, 20, 0, 25, 0, 30]) }],
  ...([1, 2, 4, 8] as const).map((depth): [string, Omit<PngSpec, 'width' | 'height' | 'sample'>] => [
    `palette, ${depth}-bit, partly transparent entries (tRNS)`,
    { colorType: 3, depth, palette: PALETTE.slice(0, Math.min(200, 2 ** depth)), trns: Buffer.from([0, 128]) },
  ]),
  ['grey + alpha, 8-bit', { colorType: 4, depth: 8 }],
  ['grey + alpha, 16-bit', { colorType: 4, depth: 16 }],
  ['RGBA, 8-bit', { colorType: 6, depth: 8 }],
  ['RGBA, 16-bit', { colorType: 6, depth: 16 }],
];

describe('the PNG decoder reads every layout a logo may come in', () => {
  // Odd sizes: rows end inside a byte, and small images leave some of Adam7's passes empty.
  describe.each(FORMATS)('%s', (_name, format) => {
    it.each([
      [13, 7, false],
      [13, 7, true],
      [1, 1, true],
      [3, 2, true],
      [40, 33, true],
    ])('%i x %i, interlaced: %s', (width, height, interlaced) => {
      const spec: PngSpec = { ...format, width, height, interlaced, sample: pattern(format, format.palette?.length) };
      const image = decodePng(writePng(spec));
      expect([image.width, image.height]).toEqual([width, height]);
      expect(Buffer.from(image.rgba).equals(Buffer.from(expected(spec)))).toBe(true);
      expect(image.gray).toBe(format.colorType === 0 || format.colorType === 4);
    });
  });

  it('says what is wrong with a damaged file', () => {
    const good = writePng({ width: 20, height: 20, colorType: 2, depth: 8, sample: (x, y) => [x, y, 0] });
    expect(() => decodePng(good.subarray(0, good.length - 30))).toThrow(/cut short|ends before/);
    const idatAt = good.indexOf('IDAT') - 4;
    const garbage = Buffer.from(good);
    garbage.fill(0x55, idatAt + 10, idatAt + 30);
    expect(() => decodePng(garbage)).toThrow(/cannot be decompressed|filter type/);
    expect(() => decodePng(Buffer.concat([good.subarray(0, 33), chunk('IEND', Buffer.alloc(0))]))).toThrow(/no image data/);
  });
});

describe('the PNG encoder', () => {
  it.each([
    ['RGBA with transparency', 6, false, (x: number) => [200, x * 10, 30, x < 5 ? 0 : 255]],
    ['opaque RGB', 2, false, (x: number) => [200, x * 10, 30, 255]],
    ['grey with transparency', 4, true, (x: number) => [x * 10, x * 10, x * 10, x * 20]],
    ['opaque grey', 0, true, (x: number) => [x * 10, x * 10, x * 10, 255]],
  ] as const)('writes %s as colour type %i and reads back the same pixels', (_name, colorType, gray, pixel) => {
    const width = 12;
    const height = 9;
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set(pixel(i % width), i * 4);
    const png = encodePng({ width, height, rgba, gray });
    expect(png[25]).toBe(colorType);
    expect(png[24]).toBe(8);
    const back = decodePng(png);
    expect(Buffer.from(back.rgba).equals(Buffer.from(rgba))).toBe(true);
  });
});

describe('shrinking by area averaging', () => {
  const image = (width: number, height: number, pixel: (x: number, y: number) => number[]) => {
    const rgba = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgba.set(pixel(x, y), (y * width + x) * 4);
    return { width, height, rgba, gray: false };
  };

  it('makes each new pixel the mean of the pixels it covers', () => {
    // 4 x 2 -> 2 x 1: each new pixel averages a 2 x 2 square.
    const out = shrink(image(4, 2, (x, y) => [x * 40 + y * 20, 100, 200 - x * 40, 255]), 2, 1);
    expect(Array.from(out.rgba)).toEqual([30, 100, 180, 255, 110, 100, 100, 255]);
  });

  it('counts a source pixel split between two new pixels by the share each covers', () => {
    // 3 -> 2: the middle pixel gives half to each side; each new pixel covers 1.5 source pixels.
    const out = shrink(image(3, 1, (x) => [[0, 90, 180][x]!, 0, 0, 255]), 2, 1);
    expect([out.rgba[0], out.rgba[4]]).toEqual([30, 150]);
  });

  it('keeps the colour of a logo\'s edge: transparent pixels give no colour, only transparency', () => {
    // Transparent white next to opaque teal: the edge is half-transparent teal, not a pale mix.
    const out = shrink(image(2, 2, (x) => (x === 0 ? [255, 255, 255, 0] : [11, 89, 96, 255])), 1, 1);
    expect(Array.from(out.rgba)).toEqual([11, 89, 96, 128]);
  });

  it('leaves a fully transparent area transparent', () => {
    const out = shrink(image(4, 4, () => [255, 255, 255, 0]), 2, 2);
    expect(Array.from(out.rgba).filter((_, i) => i % 4 === 3)).toEqual([0, 0, 0, 0]);
  });
});
