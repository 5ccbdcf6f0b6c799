import { PDFParse } from 'pdf-parse';
import { decodePng } from './png.js';

/** The first page as a patient's viewer draws it (pdf.js, through pdf-parse), as RGBA pixels; `scale` 1 is 72 dpi. */
export async function pageImage(pdf: Uint8Array, scale = 0.5): Promise<{ width: number; height: number; rgba: Buffer }> {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  try {
    // The PNG only (pdf-parse would also make a base64 data URL of it by default).
    const shot = await parser.getScreenshot({ scale, imageDataUrl: false });
    return decodePng(shot.pages[0]!.data);
  } finally {
    await parser.destroy();
  }
}
