import type { Pixels } from './pixels.js';

/**
 * The image scaled down to `width` x `height` by area averaging (a box filter): each new pixel is
 * the mean of the source area it covers, partly covered source pixels counting by the share
 * covered. Colour is averaged weighted by alpha (premultiplied), so the colour of fully
 * transparent pixels, often white or black, never bleeds into a logo's edges.
 */
export function shrink(image: Pixels, width: number, height: number): Pixels {
  const { width: sw, height: sh, rgba } = image;
  if (width > sw || height > sh || width < 1 || height < 1) throw new Error(`cannot shrink ${sw} x ${sh} to ${width} x ${height}`);
  const cols = spans(sw, width);
  const rows = spans(sh, height);
  // Pass 1: every source row, narrowed to `width` columns (premultiplied, as floats).
  const narrow = new Float32Array(width * sh * 4);
  for (let y = 0; y < sh; y++) {
    const rowAt = y * sw;
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let k = cols.first[x]!, end = cols.first[x + 1]!; k < end; k++) {
        const s = (rowAt + cols.source[k]!) * 4;
        const wa = cols.weight[k]! * rgba[s + 3]!;
        r += wa * rgba[s]!;
        g += wa * rgba[s + 1]!;
        b += wa * rgba[s + 2]!;
        a += wa;
      }
      const o = (y * width + x) * 4;
      narrow[o] = r;
      narrow[o + 1] = g;
      narrow[o + 2] = b;
      narrow[o + 3] = a;
    }
  }
  // Pass 2: the narrowed rows averaged down to `height` rows, then un-premultiplied.
  const out = new Uint8Array(width * height * 4);
  const sum = new Float64Array(width * 4);
  for (let y = 0; y < height; y++) {
    sum.fill(0);
    for (let k = rows.first[y]!, end = rows.first[y + 1]!; k < end; k++) {
      const w = rows.weight[k]!;
      const from = rows.source[k]! * width * 4;
      for (let i = 0; i < width * 4; i++) sum[i] = sum[i]! + w * narrow[from + i]!;
    }
    for (let x = 0; x < width; x++) {
      const a = sum[x * 4 + 3]!;
      if (a < 0.5) continue; // fully transparent: colour 0, which compresses best
      const o = (y * width + x) * 4;
      out[o] = clamp(sum[x * 4]! / a);
      out[o + 1] = clamp(sum[x * 4 + 1]! / a);
      out[o + 2] = clamp(sum[x * 4 + 2]! / a);
      out[o + 3] = clamp(a);
    }
  }
  return { width, height, rgba: out, gray: image.gray };
}

const clamp = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

/**
 * For each of `to` new pixels along an axis of `from` source pixels, the source pixels it covers
 * (`source[first[i]]` to `source[first[i + 1] - 1]`), each with the share of the new pixel it makes
 * up (`weight`; they add up to 1).
 */
function spans(from: number, to: number): { first: Uint32Array; source: Uint32Array; weight: Float64Array } {
  const step = from / to;
  const first = new Uint32Array(to + 1);
  const source: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < to; i++) {
    first[i] = source.length;
    const start = i * step;
    const end = Math.min(from, (i + 1) * step);
    for (let s = Math.floor(start); s < end; s++) {
      const share = Math.min(end, s + 1) - Math.max(start, s);
      if (share > 1e-9) {
        source.push(s);
        weight.push(share / step);
      }
    }
  }
  first[to] = source.length;
  return { first, source: Uint32Array.from(source), weight: Float64Array.from(weight) };
}
