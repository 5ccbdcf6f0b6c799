import { inflateSync } from 'node:zlib';
import type { Pixels } from './pixels.js';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel of each PNG colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Bit depths each colour type allows. */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** Adam7: first column and row of each pass, and the steps between them. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlaced: boolean;
}

/**
 * Every pixel of a PNG as 8-bit RGBA, whatever its colour type (grey, RGB, palette, with or
 * without alpha), bit depth (1 to 16; 16-bit samples keep their high byte) or interlacing; `tRNS`
 * transparency becomes alpha. Throws an Error saying what is wrong with a damaged file. Checksums
 * are not verified (PDFKit, which would otherwise embed the file, does not either).
 */
export function decodePng(bytes: Buffer): Pixels {
  if (bytes.length < 8 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let header: Header | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const data: Buffer[] = [];
  let at = 8;
  for (;;) {
    if (at + 8 > bytes.length) throw new Error('the file ends before its IEND chunk');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (body.length < length) throw new Error(`the ${type} chunk is cut short`);
    at += 12 + length;
    if (type === 'IHDR') header = readHeader(body);
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
  }
  if (!header) throw new Error('no IHDR chunk');
  if (data.length === 0) throw new Error('no image data (IDAT)');
  if (header.colorType === 3 && !palette) throw new Error('a palette image without a palette (PLTE)');
  const rawLength = passes(header).reduce((sum, p) => sum + p.height * (1 + p.rowBytes), 0);
  let raw: Buffer;
  try {
    // The expected size is known: a stream that inflates to far more is not read to its end.
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: rawLength + 65_536, chunkSize: Math.max(64 * 1024, rawLength + 1) });
  } catch (e) {
    throw new Error(`its image data cannot be decompressed (${(e as Error).message})`);
  }
  if (raw.length < rawLength) throw new Error('its image data is cut short');
  return toRgba(header, raw, palette, transparency);
}

function readHeader(body: Buffer): Header {
  if (body.length < 13) throw new Error('the IHDR chunk is cut short');
  const header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colorType: body[9]!, interlaced: body[12] === 1 };
  if (!DEPTHS[header.colorType]?.includes(header.depth)) throw new Error(`colour type ${header.colorType} with ${header.depth}-bit samples is not a PNG format`);
  if (body[10] !== 0 || body[11] !== 0 || body[12]! > 1) throw new Error('unknown compression, filter or interlace method');
  if (header.width === 0 || header.height === 0) throw new Error('it has no pixels');
  return header;
}

interface Pass {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
  rowBytes: number;
}

/** The reduced images the data is made of: one, or Adam7's seven (empty ones have no rows). */
function passes(h: Header): Pass[] {
  const bitsPerPixel = h.depth * CHANNELS[h.colorType]!;
  const make = (x0: number, y0: number, dx: number, dy: number): Pass => {
    const width = Math.ceil((h.width - x0) / dx);
    const height = width > 0 ? Math.ceil((h.height - y0) / dy) : 0;
    return { x0, y0, dx, dy, width, height: Math.max(0, height), rowBytes: Math.ceil((width * bitsPerPixel) / 8) };
  };
  return h.interlaced ? ADAM7.map(([x0, y0, dx, dy]) => make(x0, y0, dx, dy)) : [make(0, 0, 1, 1)];
}

function toRgba(h: Header, raw: Buffer, palette: Buffer | undefined, trns: Buffer | undefined): Pixels {
  const channels = CHANNELS[h.colorType]!;
  const rgba = new Uint8Array(h.width * h.height * 4);
  const bytesPerPixel = Math.max(1, (h.depth * channels) >> 3);
  const max = (1 << h.depth) - 1;
  const gray = h.colorType === 0 || h.colorType === 4;
  // Colour-key transparency (tRNS for grey and RGB): samples at full bit depth.
  const key = trns && (h.colorType === 0 || h.colorType === 2) && trns.length >= channels * 2 ? Array.from({ length: channels }, (_, c) => trns.readUInt16BE(c * 2)) : undefined;
  // A palette as RGBA entries (tRNS gives the alpha of the first ones).
  let entries: Uint8Array | undefined;
  if (palette) {
    entries = new Uint8Array(256 * 4);
    for (let i = 0; i < Math.min(256, Math.floor(palette.length / 3)); i++) {
      entries.set([palette[i * 3]!, palette[i * 3 + 1]!, palette[i * 3 + 2]!, trns && i < trns.length ? trns[i]! : 255], i * 4);
    }
  }
  const entryCount = palette ? Math.floor(palette.length / 3) : 0;
  const sample = (row: Uint8Array, i: number): number => {
    if (h.depth === 16) return (row[i * 2]! << 8) | row[i * 2 + 1]!;
    if (h.depth === 8) return row[i]!;
    const bit = i * h.depth;
    return (row[bit >> 3]! >> (8 - h.depth - (bit & 7))) & max;
  };
  const to8 = (v: number) => (h.depth === 16 ? v >> 8 : h.depth === 8 ? v : Math.round((v * 255) / max));

  let at = 0;
  for (const pass of passes(h)) {
    let previous: Uint8Array = new Uint8Array(pass.rowBytes);
    for (let y = 0; y < pass.height; y++) {
      const row = raw.subarray(at + 1, at + 1 + pass.rowBytes);
      unfilter(raw[at]!, row, previous, bytesPerPixel);
      at += 1 + pass.rowBytes;
      previous = row;
      const rowStart = (pass.y0 + y * pass.dy) * h.width + pass.x0;
      if (h.depth === 8 && h.colorType === 6 && pass.dx === 1) {
        rgba.set(row, rowStart * 4); // already RGBA
        continue;
      }
      if (h.depth === 8 && (h.colorType === 2 || h.colorType === 0) && !key) {
        // Opaque RGB or grey, the commonest logos: no per-sample work.
        for (let x = 0, i = 0; x < pass.width; x++) {
          const o = (rowStart + x * pass.dx) * 4;
          const v = row[i]!;
          rgba[o] = v;
          rgba[o + 1] = gray ? v : row[i + 1]!;
          rgba[o + 2] = gray ? v : row[i + 2]!;
          rgba[o + 3] = 255;
          i += channels;
        }
        continue;
      }
      for (let x = 0; x < pass.width; x++) {
        const o = (rowStart + x * pass.dx) * 4;
        if (entries) {
          const index = sample(row, x);
          if (index >= entryCount) throw new Error(`a pixel uses palette entry ${index}, beyond the palette`);
          rgba[o] = entries[index * 4]!;
          rgba[o + 1] = entries[index * 4 + 1]!;
          rgba[o + 2] = entries[index * 4 + 2]!;
          rgba[o + 3] = entries[index * 4 + 3]!;
          continue;
        }
        const r = sample(row, x * channels);
        const g = gray ? r : sample(row, x * channels + 1);
        const b = gray ? r : sample(row, x * channels + 2);
        rgba[o] = to8(r);
        rgba[o + 1] = to8(g);
        rgba[o + 2] = to8(b);
        if (h.colorType === 4 || h.colorType === 6) rgba[o + 3] = to8(sample(row, x * channels + channels - 1));
        else rgba[o + 3] = key && key[0] === r && (gray || (key[1] === g && key[2] === b)) ? 0 : 255;
      }
    }
  }
  return { width: h.width, height: h.height, rgba, gray };
}

/** Undo one row's filter in place (PNG spec, section 9), given the previous row of the same pass (unfiltered). */
function unfilter(filter: number, row: Uint8Array, previous: Uint8Array, bpp: number): void {
  const n = row.length;
  switch (filter) {
    case 0:
      return;
    case 1:
      for (let i = bpp; i < n; i++) row[i] = (row[i]! + row[i - bpp]!) & 0xff;
      return;
    case 2:
      for (let i = 0; i < n; i++) row[i] = (row[i]! + previous[i]!) & 0xff;
      return;
    case 3:
      for (let i = 0; i < bpp; i++) row[i] = (row[i]! + (previous[i]! >> 1)) & 0xff;
      for (let i = bpp; i < n; i++) row[i] = (row[i]! + ((row[i - bpp]! + previous[i]!) >> 1)) & 0xff;
      return;
    case 4:
      for (let i = 0; i < bpp; i++) row[i] = (row[i]! + previous[i]!) & 0xff; // Paeth with a = c = 0 is b
      for (let i = bpp; i < n; i++) {
        const a = row[i - bpp]!;
        const b = previous[i]!;
        const c = previous[i - bpp]!;
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        row[i] = (row[i]! + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
      }
      return;
    default:
      throw new Error(`a row has the unknown filter type ${filter}`);
  }
}
