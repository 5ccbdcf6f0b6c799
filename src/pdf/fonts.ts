import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HandoutError, quote } from '../errors.js';
import type { FontMetrics, Style } from '../layout/types.js';
import { Memo } from '../memo.js';
import { baseFor, fontKey, readFontBases } from './font-bases.js';
import { FontFace, type BaseFont } from './font-face.js';

export const FONT_FILES: Record<Style, string> = {
  regular: 'NotoSans-Regular.ttf',
  bold: 'NotoSans-Bold.ttf',
  italic: 'NotoSans-Italic.ttf',
};

/** The sheet's three faces, loaded once per process. */
export class FontSet implements FontMetrics {
  readonly faces: Record<Style, FontFace>;
  readonly ascender: number;
  /** Code points already found in every face, so repeated checks cost a Set lookup. */
  private readonly drawable = new Set<number>([0x20, 0xe000]);
  /** Whole strings already found drawable (bounded: a server sees endless distinct names). */
  private readonly drawableTexts = new Memo<string, true>(5_000);

  /** Each face's file key (SHA-256), for the bases saved at build time (font-bases.ts). */
  readonly keys: Record<Style, string>;

  constructor(dir: string, bases: Record<string, BaseFont> = readFontBases()) {
    const keys: Partial<Record<Style, string>> = {};
    const load = (style: Style) => {
      const file = FONT_FILES[style];
      try {
        const bytes = readFileSync(join(dir, file));
        const key = (keys[style] = fontKey(bytes));
        return new FontFace(bytes, baseFor(bases, key));
      } catch (e) {
        throw new HandoutError('E_IO', `the font ${join(dir, file)} cannot be loaded: ${(e as Error).message}`, {
          path: join(dir, file),
          hint: 'Reinstall the package; fonts/ must hold the Noto Sans files.',
        });
      }
    };
    this.faces = { regular: load('regular'), bold: load('bold'), italic: load('italic') };
    this.keys = keys as Record<Style, string>;
    this.ascender = (this.faces.regular.ascent * 1000) / this.faces.regular.unitsPerEm;
  }

  widthOf(text: string, style: Style): number {
    return this.faces[style].widthOf(text);
  }

  /**
   * PDFKit draws nothing for a character the font lacks, so check before drawing and name the
   * character and the field it came from. Every face must have it (a name can be drawn in bold).
   */
  assertCanDraw(text: string, field: string): void {
    // Most of a sheet's strings were checked on an earlier sheet: the same rule texts and labels.
    if (this.drawableTexts.peek(text)) return;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (this.drawable.has(cp)) continue;
      for (const style of ['regular', 'bold', 'italic'] as const) {
        if (!this.faces[style].hasGlyphForCodePoint(cp)) {
          throw new HandoutError('E_GLYPH', `${field}: the character "${ch}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}) in ${quote(text, 40)} cannot be printed with the sheet's font`, {
            path: field,
            hint: 'The font covers Latin (with accents), Greek and Cyrillic. Type the name with those letters.',
          });
        }
      }
      this.drawable.add(cp);
    }
    this.drawableTexts.set(text, true);
  }
}
