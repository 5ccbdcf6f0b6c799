import { Memo } from '../memo.js';
import { newPdfkitCaches, type PdfkitCaches } from './pdfkit/index.js';

/** What the PDF stage remembers per process (held by Resources). */
export interface PdfCaches {
  pdfkit: PdfkitCaches;
  /** Per face (PostScript name): line text -> encoded glyph string, for lines made only of the base characters (see TextWriter). */
  encodings: Memo<string, Memo<string, string>>;
  /** "#rrggbb" -> the PDF colour operator. */
  colors: Memo<string, string>;
  /** A layout block -> its text object's operators and the font names they use (see TextWriter.group); held while the layout holds the block. */
  groups: WeakMap<object, { fonts: string; ops: string }>;
}

export const newPdfCaches = (): PdfCaches => ({
  pdfkit: newPdfkitCaches(),
  encodings: new Memo<string, Memo<string, string>>(16),
  colors: new Memo<string, string>(64),
  groups: new WeakMap(),
});
