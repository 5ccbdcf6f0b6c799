import type { Pixels } from './pixels.js';

/**
 * pdf.js's JPEG decoder (pdfjs-dist's stand-alone image decoders, already a dependency for the
 * front desk's preview): baseline and progressive, any sampling, grey, RGB and Adobe's variants.
 * Loaded the first time a JPEG logo is scaled (the build gives it a file of its own beside the
 * bundles, scripts/build.mjs). It decoded a 1,900-pixel logo in half the time of jpeg-js, in a
 * third of the memory.
 */
function pdfjs(): typeof import('pdfjs-dist/image_decoders/pdf.image_decoders.mjs') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const decoders = require('pdfjs-dist/image_decoders/pdf.image_decoders.mjs') as typeof import('pdfjs-dist/image_decoders/pdf.image_decoders.mjs');
  // pdf.js prints its warnings (a damaged scan it reads past) on stdout, which is the CLI's output.
  decoders.setVerbosityLevel(decoders.VerbosityLevel.ERRORS);
  return decoders;
}

/**
 * Every pixel of a grey or colour JPEG as 8-bit RGBA. Throws an Error for a damaged file (one cut
 * short decodes as far as it goes, as a viewer shows it).
 */
export function decodeJpeg(bytes: Buffer): Pixels {
  const jpeg = new (pdfjs().JpegImage)();
  jpeg.parse(bytes);
  if (jpeg.numComponents !== 1 && jpeg.numComponents !== 3) throw new Error(`it has ${jpeg.numComponents} colour components; only grey and RGB are scaled`);
  const data = jpeg.getData({ width: jpeg.width, height: jpeg.height, forceRGBA: true, isSourcePDF: false });
  return { width: jpeg.width, height: jpeg.height, rgba: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), gray: jpeg.numComponents === 1 };
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
