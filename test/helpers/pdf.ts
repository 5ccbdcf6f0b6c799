import { PDFParse } from 'pdf-parse';

export interface ReadBack {
  pages: number;
  /** Extracted text, pages joined with nothing (no "-- 1 of 1 --" markers). */
  text: string;
  /** The same with all white space folded to single spaces, for phrase matching across line breaks. */
  flat: string;
  info: Record<string, unknown>;
}

/** Read a PDF back the way a patient's viewer or a screen reader would see its text. */
export async function readPdf(data: Uint8Array): Promise<ReadBack> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    const text = await parser.getText({ pageJoiner: '' });
    const info = await parser.getInfo();
    return { pages: text.total, text: text.text, flat: text.text.replace(/\s+/g, ' '), info: (info.info ?? {}) as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

/** How many pages pdf.js finds (it loads the document, but extracts no text): a quick check that a PDF is whole. */
export async function pageCount(data: Uint8Array): Promise<number> {
  const parser = new PDFParse({ data: new Uint8Array(data) });
  try {
    return (await parser.getInfo()).total;
  } finally {
    await parser.destroy();
  }
}
