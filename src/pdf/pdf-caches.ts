import { Memo } from '../memo.js';
import { newPdfkitCaches, type PdfkitCaches } from './pdfkit/index.js';

/** What the PDF stage remembers per process (held by Resources). */
export interface PdfCaches {
  pdfkit: PdfkitCaches;
  /** Per face (PostScript name): line text -> encoded glyph string, for lines made only of the base characters (see TextWriter). */
  encodings: Memo<string, Memo<string, string>>;
  /** "#rrggbb" -> the PDF colour operator. */
  colors: Memo<string, string>;
}

export const newPdfCaches = (): PdfCaches => ({
  pdfkit: newPdfkitCaches(),
  encodings: new Memo<string, Memo<string, string>>(16),
  colors: new Memo<string, string>(64),
});
