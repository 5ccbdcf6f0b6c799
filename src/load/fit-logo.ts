import type { ImageInfo } from './image-info.js';
import { decodePng } from './image/decode-png.js';
import { encodePng } from './image/encode-png.js';
import { decodeJpeg, jpegOrientation } from './image/jpeg.js';
import { shrink } from './image/shrink.js';

/** Pixels (fractional) a logo of this shape needs at most, across everything the sheet can be: the layout's to say. */
export type PixelsNeeded = (image: { width: number; height: number }) => { width: number; height: number };

/**
 * A logo with no more than this many times the pixels it needs (on each side) is left as it is:
 * resampling it would soften its edges to save little.
 */
const SLACK = 1.25;

/**
 * A logo PDFKit embeds as it is (a JPEG, a PNG without transparency) costs each sheet its file's
 * bytes and nothing more; up to this many, that costs less than decoding and scaling it at every
 * start (the example clinic's 7 KB logo took some 70 ms more CPU of a cold `handout generate`).
 */
const SMALL_FILE = 64 * 1024;

export interface FitOptions {
  /**
   * The process makes one sheet (`handout generate`): a logo PDFKit copies as it is (a JPEG, an
   * opaque PNG) is left so, since copying it once costs nothing and decoding it in a short-lived
   * process costs more than a second for a large JPEG. A PNG PDFKit would decode is still scaled
   * (ours is the quicker decoder).
   */
  oneSheet?: boolean;
}

/**
 * The bytes every sheet embeds for this logo: the file itself, or, when it has far more pixels
 * than the sheet ever prints, a PNG of it scaled down once (area averaging) to what the largest
 * box the layout gives it needs. That is worth it for a PNG that PDFKit would decode anyway
 * (transparent or interlaced: ours is several times faster than PDFKit's decoder) and for any file
 * over SMALL_FILE. Transparency and grey or colour are kept; a JPEG's copy is a PNG too (lossless,
 * no second round of JPEG artefacts). Left as they are: a CMYK JPEG (re-encoding it would mean
 * guessing its colours in RGB; PDF/A refuses it anyway) and a JPEG with an EXIF orientation
 * (PDFKit turns it by that, and a PNG cannot carry one). Throws an Error saying what is wrong with
 * an image that cannot be decoded.
 */
export function fitLogo(bytes: Buffer, info: ImageInfo, needed: PixelsNeeded, { oneSheet = false }: FitOptions = {}): { bytes: Buffer; width: number; height: number } {
  const need = needed(info);
  const scale = Math.max(need.width / info.width, need.height / info.height);
  const worthIt =
    info.format === 'png'
      ? pdfkitDecodes(bytes) || (!oneSheet && bytes.length > SMALL_FILE)
      : !oneSheet && bytes.length > SMALL_FILE && info.color !== 'cmyk' && jpegOrientation(bytes) === 1;
  if (scale * SLACK >= 1 || !worthIt) return { bytes, width: info.width, height: info.height };
  const width = Math.max(1, Math.ceil(info.width * scale));
  const height = Math.max(1, Math.ceil(info.height * scale));
  const pixels = info.format === 'png' ? decodePng(bytes) : decodeJpeg(bytes);
  if (pixels.width !== info.width || pixels.height !== info.height) throw new Error(`it is ${pixels.width} x ${pixels.height} pixels, its header says ${info.width} x ${info.height}`);
  const scaled = encodePng(shrink(pixels, width, height));
  // A photograph's PNG can outweigh a small, much-compressed JPEG: then the file is the lighter load.
  return scaled.length < bytes.length ? { bytes: scaled, width, height } : { bytes, width: info.width, height: info.height };
}

/**
 * Whether PDFKit decodes this PNG's pixels to embed it (rather than copying its compressed data):
 * for an alpha channel, a palette with transparency (tRNS), or interlacing.
 */
function pdfkitDecodes(png: Buffer): boolean {
  const colorType = png[25];
  if (colorType === 4 || colorType === 6 || png[28] === 1) return true;
  if (colorType !== 3) return false;
  for (let at = 8; at + 8 <= png.length; at += 12 + png.readUInt32BE(at)) {
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'tRNS') return true;
    if (type === 'IDAT') return false;
  }
  return false;
}
