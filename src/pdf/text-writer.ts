import type PDFDocument from 'pdfkit';
import type { Style } from '../layout/types.js';
import type { FontFace, FontTables } from './font-face.js';
import type { FontSet } from './fonts.js';
import { cacheFontStreams } from './embed-cache.js';

/** The parts of PDFKit's EmbeddedFont (internal, pdfkit 0.20) this writer uses. */
interface EmbeddedFont extends FontTables {
  id: string;
  ref(): unknown;
}
type Doc = typeof PDFDocument.prototype & { _font: EmbeddedFont; page: { height: number; fonts: Record<string, unknown> } };

/**
 * Characters every document's font subsets start with, in this order. Their glyph numbers are then
 * the same in every document, so the encoding of a line made of them can be cached for the whole
 * process, and most sheets end up with byte-identical font subsets (encoded once, see FontFace).
 */
const BASE_CHARS = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 0x100 - 0xa1 }, (_, i) => String.fromCharCode(0xa1 + i)),
  '•', '–', '—', '‘', '’', '“', '”', '…',
].join('');
const IS_BASE = new Set(BASE_CHARS);

interface FaceState {
  face: FontFace;
  font: EmbeddedFont;
}

/**
 * A glyph number as the two bytes of a PDF literal string (as a latin1 JS string, which is how
 * PDFKit writes content). Half the size of hex, which is what most of a page's content is, so
 * the page compresses in less time. Delimiters and line ends are escaped.
 */
const BYTE = Array.from({ length: 256 }, (_, b) =>
  b === 0x28 ? '\\(' : b === 0x29 ? '\\)' : b === 0x5c ? '\\\\' : b === 0x0d ? '\\r' : b === 0x0a ? '\\n' : String.fromCharCode(b),
);
const glyphBytes = (n: number) => BYTE[n >> 8]! + BYTE[n & 0xff]!;

/** Per process: line text -> encoded glyph string, for lines made only of BASE_CHARS. */
const baseEncodings = new WeakMap<FontFace, Map<string, string | null>>();

/**
 * Writes text straight into a PDFKit page's content stream. Positions come from our layout, so
 * PDFKit's own text machinery (word splitting, per-document shaping caches, alignment) is pure
 * overhead here: it was two thirds of the time of a sheet. PDFKit still owns the fonts (subset,
 * widths, ToUnicode map, embedding), through the same EmbeddedFont objects `doc.font()` makes.
 */
export class TextWriter {
  private readonly faces: Record<Style, FaceState>;
  private readonly height: number;
  private ops: string[] = [];
  /** The Tf operator in effect in the current text object. */
  private fontOp = '';

  constructor(
    private readonly doc: Doc,
    fonts: FontSet,
  ) {
    this.height = doc.page.height;
    const state = (style: Style): FaceState => {
      const face = fonts.faces[style];
      doc.registerFont(style, face as never);
      doc.font(style);
      const font = doc._font;
      cacheFontStreams(doc as never, font as never, face);
      face.prefill(font, BASE_CHARS);
      doc.page.fonts[font.id] = font.ref();
      return { face, font };
    };
    this.faces = { regular: state('regular'), bold: state('bold'), italic: state('italic') };
  }

  private encode(s: FaceState, text: string): string {
    let cache = baseEncodings.get(s.face);
    if (!cache) baseEncodings.set(s.face, (cache = new Map()));
    const cached = cache.get(text);
    if (cached) return cached;
    let hex = '';
    let base = true;
    for (const ch of text) {
      if (!IS_BASE.has(ch)) base = false;
      hex += glyphBytes(s.face.include(s.font, ch.codePointAt(0)!));
    }
    if (base) {
      if (cache.size > 20_000) cache.clear();
      cache.set(text, hex);
    }
    return hex;
  }

  /** Start a group of lines (one text object); the caller may wrap it in marked content. */
  begin(): void {
    this.ops = ['q 1 0 0 -1 0 ' + num(this.height) + ' cm BT'];
    this.fontOp = '';
  }

  color(rgb: string): void {
    this.ops.push(rgbOperator(rgb));
  }

  /** Draw `text` with its line box's top at `top` (points from the page top), like PDFKit's text(). */
  text(style: Style, size: number, x: number, top: number, text: string): void {
    const s = this.faces[style];
    const baseline = this.height - top - (s.face.ascent * size) / s.face.unitsPerEm;
    // The font and size stay set inside a text object: say them only when they change.
    const fontOp = `/${s.font.id} ${num(size)} Tf `;
    const tf = fontOp === this.fontOp ? '' : (this.fontOp = fontOp);
    this.ops.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm ${tf}(${this.encode(s, text)}) Tj`);
  }

  end(): void {
    this.ops.push('ET Q');
    this.doc.addContent(this.ops.join('\n'));
    this.ops = [];
  }
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

const rgbCache = new Map<string, string>();
function rgbOperator(hex: string): string {
  let op = rgbCache.get(hex);
  if (!op) {
    const v = parseInt(hex.slice(1), 16);
    op = `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)} rg`;
    rgbCache.set(hex, op);
  }
  return op;
}
