import { deflateSync, inflateSync } from 'node:zlib';
import jpegJs from 'jpeg-js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf: Buffer) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** Large fixtures, made once per process (test files share a worker's modules). */
const made = new Map<string, Buffer>();
const once = (key: string, make: () => Buffer): Buffer => made.get(key) ?? (made.set(key, make()), made.get(key)!);

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A made-up clinic logo: an RGBA PNG, a teal disc on a transparent square (alpha, as real logos have). */
export function logoPng(width = 96, height = 64): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 4);
    for (let x = 0; x < width; x++) {
      const inside = (x - width / 2) ** 2 / (width / 2) ** 2 + (y - height / 2) ** 2 / (height / 2) ** 2 <= 1;
      row.set(inside ? [11, 89, 96, 255] : [255, 255, 255, 0], 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The header of a CMYK JPEG (start of image, a baseline frame with 4 components, end of image):
 * enough for the PDF/A check, which refuses it before anything is drawn.
 */
export function cmykJpegHeader(width = 80, height = 40): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x14, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]);
}

/** Pixels of an 8-bit RGB or RGBA PNG (what a page screenshot is), as RGBA rows. */
export function decodePng(png: Uint8Array): { width: number; height: number; rgba: Buffer } {
  const buf = Buffer.from(png);
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      if (!channels) throw new Error(`PNG colour type ${data[9]} not supported`);
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    if (filter > 4) throw new Error(`PNG filter type ${filter} not supported`);
    const from = y * (stride + 1) + 1;
    const at = y * stride;
    // One loop per filter type: this runs for millions of bytes per page image.
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? rows[at + x - channels]! : 0;
      const b = y > 0 ? rows[at - stride + x]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const c = x >= channels && y > 0 ? rows[at - stride + x - channels]! : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      rows[at + x] = (raw[from + x]! + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: rows };
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < width * height; i++) rows.copy(rgba, i * 4, i * 3, i * 3 + 3);
  return { width, height, rgba };
}

/**
 * A logo far larger than the sheet prints (the 1,900-pixel logos clinics send): an RGBA PNG, a teal
 * disc on transparency, with a fine grain in two channels so the file is some 650 KB, as a
 * photographic or anti-aliased logo's is (a flat disc compresses to almost nothing).
 * Made once per size and process (a second and a half each); every call gets its own copy.
 */
export function grainyLogoPng(size = 1900): Buffer {
  return Buffer.from(once(`grainy ${size}`, () => makeGrainyLogoPng(size)));
}

function makeGrainyLogoPng(size: number): Buffer {
  const stride = 1 + size * 4;
  const raw = Buffer.alloc(size * stride);
  let seed = 1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const o = y * stride + 1 + x * 4;
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 <= (size * 0.47) ** 2;
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      if (inside) {
        raw[o] = 11;
        raw[o + 1] = 89 + (seed >>> 31);
        raw[o + 2] = 96 + ((x ^ y) & 1);
        raw[o + 3] = 255;
      } else {
        raw[o] = raw[o + 1] = raw[o + 2] = 255;
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The colour of the disc in `photoLogoJpeg`. */
export const JPEG_DISC = [176, 38, 84] as const;
const NAVY = [30, 50, 140] as const;

/**
 * A large RGB JPEG logo: a raspberry disc with photographic noise on white, some 600 KB (made with
 * jpeg-js, a dev dependency). With `orientation`, an EXIF segment saying how a viewer must turn it
 * (as a phone photo has), and the disc's left half navy, so that which way it is turned shows.
 */
export function photoLogoJpeg(width = 1900, height = 1900, orientation?: number): Buffer {
  return Buffer.from(once(`jpeg ${width} ${height} ${orientation}`, () => makePhotoLogoJpeg(width, height, orientation)));
}

function makePhotoLogoJpeg(width: number, height: number, orientation?: number): Buffer {
  const data = new Uint8Array(width * height * 4).fill(255);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = ((x - width / 2) / (width * 0.47)) ** 2 + ((y - height / 2) / (height * 0.47)) ** 2 <= 1;
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      if (!inside) continue;
      const n = (seed >>> 26) - 32; // -32..31
      const disc = orientation !== undefined && x < width / 2 ? NAVY : JPEG_DISC;
      const o = (y * width + x) * 4;
      data[o] = disc[0] + n;
      data[o + 1] = disc[1] + (n >> 1);
      data[o + 2] = disc[2] + n;
    }
  }
  const jpeg = jpegJs.encode({ width, height, data }, 75).data;
  if (orientation === undefined) return jpeg;
  // APP1 "Exif\0\0", a big-endian TIFF header and one IFD entry: Orientation (0x0112), SHORT.
  const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}
