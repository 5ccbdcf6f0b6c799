import { jpegOrientation } from './image/jpeg.js';

/** What the layout and the PDF/A check need to know about a logo, read from its header only. */
export interface ImageInfo {
  format: 'png' | 'jpeg';
  /** As it is shown: a JPEG whose EXIF orientation turns it a quarter (5 to 8) has its stored sides swapped. */
  width: number;
  height: number;
  /** Colour model: a CMYK JPEG cannot go into a PDF/A file whose output intent is sRGB. */
  color: 'gray' | 'rgb' | 'cmyk' | 'indexed';
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_COLOR: Record<number, ImageInfo['color']> = { 0: 'gray', 2: 'rgb', 3: 'indexed', 4: 'gray', 6: 'rgb' };

/** Size and colour model of a PNG or JPEG, or null if the bytes are neither. */
export function imageInfo(bytes: Buffer): ImageInfo | null {
  if (bytes.length >= 26 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.toString('latin1', 12, 16) === 'IHDR') {
    const color = PNG_COLOR[bytes[25]!];
    if (!color) return null;
    return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), color };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return shown(jpegInfo(bytes), bytes);
  return null;
}

/**
 * A phone photo is stored as the sensor saw it, with an EXIF orientation saying how to turn it;
 * PDFKit turns it by that when drawing, into the box it is given. For 5 to 8 (a quarter turn) the
 * box must have the shown shape, the stored one's sides swapped, or the logo is drawn squashed.
 */
function shown(info: ImageInfo | null, bytes: Buffer): ImageInfo | null {
  if (!info || jpegOrientation(bytes) <= 4) return info;
  return { ...info, width: info.height, height: info.width };
}

/** Walk the JPEG markers to the first start-of-frame (SOF0-SOF15 except DHT, JPG and DAC). */
function jpegInfo(bytes: Buffer): ImageInfo | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const components = bytes[at + 9]!;
      const color = components === 1 ? 'gray' : components === 3 ? 'rgb' : components === 4 ? 'cmyk' : null;
      if (!color) return null;
      return { format: 'jpeg', height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7), color };
    }
    at += 2 + length;
  }
  return null;
}
