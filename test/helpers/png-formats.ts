import { crc32, deflateSync } from 'node:zlib';

/** A PNG in any of the format's layouts, to test a decoder against: what its samples are is up to `sample`. */
export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType: 0 | 2 | 3 | 4 | 6;
  depth: 1 | 2 | 4 | 8 | 16;
  interlaced?: boolean;
  /** RGB entries, for colour type 3. */
  palette?: Array<[number, number, number]>;
  /** The tRNS chunk's bytes, as they are written. */
  trns?: Buffer;
  /** The samples of pixel (x, y), at the file's bit depth (a palette index for colour type 3). */
  sample: (x: number, y: number) => number[];
}

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** Write the PNG, each row with a different filter in turn (0-4), so a decoder meets all five. */
export function writePng(spec: PngSpec): Buffer {
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[spec.colorType];
  const bpp = Math.max(1, (channels * spec.depth) / 8);
  const passes = spec.interlaced ? ADAM7 : [[0, 0, 1, 1]];
  const out: Buffer[] = [];
  let rowNumber = 0;
  for (const [x0, y0, dx, dy] of passes as Array<[number, number, number, number]>) {
    const xs = [];
    for (let x = x0; x < spec.width; x += dx) xs.push(x);
    if (xs.length === 0) continue;
    let previous = Buffer.alloc(Math.ceil((xs.length * channels * spec.depth) / 8));
    for (let y = y0; y < spec.height; y += dy) {
      const row = Buffer.alloc(previous.length);
      let bit = 0;
      for (const x of xs) {
        for (const v of spec.sample(x, y)) {
          if (spec.depth === 16) row.writeUInt16BE(v, bit / 8);
          else if (spec.depth === 8) row[bit / 8] = v;
          else row[bit >> 3]! |= v << (8 - spec.depth - (bit & 7));
          bit += spec.depth;
        }
      }
      const filter = rowNumber++ % 5;
      out.push(Buffer.from([filter]), filtered(filter, row, previous, bpp));
      previous = row;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr.set([spec.depth, spec.colorType, 0, 0, spec.interlaced ? 1 : 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...(spec.palette ? [chunk('PLTE', Buffer.from(spec.palette.flat()))] : []),
    ...(spec.trns ? [chunk('tRNS', spec.trns)] : []),
    chunk('IDAT', deflateSync(Buffer.concat(out))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Apply a filter the way an encoder does (the decoder must undo it). */
function filtered(filter: number, row: Buffer, previous: Buffer, bpp: number): Buffer {
  const out = Buffer.alloc(row.length);
  for (let i = 0; i < row.length; i++) {
    const a = i >= bpp ? row[i - bpp]! : 0;
    const b = previous[i]!;
    const c = i >= bpp ? previous[i - bpp]! : 0;
    const p = a + b - c;
    const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
    out[i] = (row[i]! - [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
  }
  return out;
}

export function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}
