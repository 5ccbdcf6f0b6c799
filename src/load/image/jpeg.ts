import type { Pixels } from './pixels.js';

/**
 * jpeg-js (pure JavaScript), loaded from node_modules the first time a JPEG logo is scaled, and
 * left out of the bundle: most clinics never need it, and every cold start reads the whole bundle.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jpeg = () => require('jpeg-js') as typeof import('jpeg-js');

/** Quality of a re-encoded logo (jpeg-js's 1-100 scale; it keeps full colour resolution, no chroma subsampling). */
const QUALITY = 92;

/** Every pixel of a JPEG (baseline or progressive, grey or colour) as 8-bit RGBA. Throws an Error for a damaged file. */
export function decodeJpeg(bytes: Buffer): Pixels {
  // Generous for a logo within LOGO_MAX_SIDE (2000 x 2000 is 4 megapixels), and bounded.
  const image = jpeg().decode(bytes, { useTArray: true, formatAsRGBA: true, tolerantDecoding: false, maxResolutionInMP: 5, maxMemoryUsageInMB: 128 });
  return { width: image.width, height: image.height, rgba: image.data, gray: false };
}

/**
 * A baseline JPEG of the pixels (alpha ignored). `orientation` (EXIF, 1-8) is written back when not
 * 1: PDFKit turns the image by it, as it did the original file.
 */
export function encodeJpeg(image: Pixels, orientation: number): Buffer {
  const exifBuffer = orientation === 1 ? undefined : exifOrientation(orientation);
  return jpeg().encode({ width: image.width, height: image.height, data: image.rgba, ...(exifBuffer && { exifBuffer }) }, QUALITY).data;
}

/** The EXIF orientation (1-8) of a JPEG, 1 if it has none (read as PDFKit reads it: the first APP1 Exif segment's first IFD). */
export function jpegOrientation(bytes: Buffer): number {
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // image data: no more headers
    if (marker === 0xff || (marker >= 0xd0 && marker <= 0xd8) || marker === 0x01) {
      at += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    const body = bytes.subarray(at + 4, at + 2 + length);
    if (marker === 0xe1 && body.length >= 14 && body.toString('latin1', 0, 6) === 'Exif\0\0') return tiffOrientation(body.subarray(6));
    at += 2 + length;
  }
  return 1;
}

function tiffOrientation(tiff: Buffer): number {
  const little = tiff.toString('latin1', 0, 2) === 'II';
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return 1;
  const u16 = (o: number) => (o + 2 <= tiff.length ? (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o)) : -1);
  const ifd = tiff.length >= 8 ? (little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4)) : 0;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** An APP1 Exif payload holding only the orientation tag (big-endian TIFF, one IFD entry). */
function exifOrientation(orientation: number): Buffer {
  const out = Buffer.alloc(6 + 8 + 2 + 12 + 4);
  out.write('Exif\0\0', 0, 'latin1');
  out.write('MM', 6, 'latin1');
  out.writeUInt16BE(42, 8);
  out.writeUInt32BE(8, 10); // the first IFD follows the 8-byte TIFF header
  out.writeUInt16BE(1, 14); // one entry
  out.writeUInt16BE(0x0112, 16); // Orientation
  out.writeUInt16BE(3, 18); // SHORT
  out.writeUInt32BE(1, 20); // one value
  out.writeUInt16BE(orientation, 24); // the value, left-justified in the 4 bytes
  return out; // next IFD offset: 0
}
