import type { Style } from '../layout/types.js';
import { BASE_CHARS, type FontFace } from './font-face.js';
import type { FontSet } from './fonts.js';
import type { PdfCaches } from './pdf-caches.js';
import type { FontTables, OpenDocument } from './pdfkit/index.js';


const IS_BASE = new Set(BASE_CHARS);

interface FaceState {
  face: FontFace;
  /** The font's resource name on the page. */
  id: string;
  /** This document's subset, widths and ToUnicode entries for the face. */
  font: FontTables;
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
    private readonly out: OpenDocument,
    fonts: FontSet,
    private readonly caches: PdfCaches,
  ) {
    this.height = out.pageHeight;
    const state = (style: Style): FaceState => {
      const face = fonts.faces[style];
      const { id, tables } = out.embedFont(style, face);
      face.prefill(tables, BASE_CHARS);
      return { face, id, font: tables };
    };
    this.faces = { regular: state('regular'), bold: state('bold'), italic: state('italic') };
  }

  private encode(s: FaceState, text: string): string {
    const key = `${s.face.postscriptName}\u0001${text}`;
    const cached = this.caches.encodings.peek(key);
    if (cached) return cached;
    let hex = '';
    let base = true;
    for (const ch of text) {
      if (!IS_BASE.has(ch)) base = false;
      hex += glyphBytes(s.face.include(s.font, ch.codePointAt(0)!));
    }
    // Only base characters have the same glyph numbers in every document.
    if (base) this.caches.encodings.set(key, hex);
    return hex;
  }

  /** Start a group of lines (one text object); the caller may wrap it in marked content. */
  begin(): void {
    this.ops = ['q 1 0 0 -1 0 ' + num(this.height) + ' cm BT'];
    this.fontOp = '';
  }

  color(rgb: string): void {
    this.ops.push(this.caches.colors.get(rgb, rgbOperator));
  }

  /** Draw `text` with its line box's top at `top` (points from the page top), like PDFKit's text(). */
  text(style: Style, size: number, x: number, top: number, text: string): void {
    const s = this.faces[style];
    const baseline = this.height - top - (s.face.ascent * size) / s.face.unitsPerEm;
    // The font and size stay set inside a text object: say them only when they change.
    const fontOp = `/${s.id} ${num(size)} Tf `;
    const tf = fontOp === this.fontOp ? '' : (this.fontOp = fontOp);
    this.ops.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm ${tf}(${this.encode(s, text)}) Tj`);
  }

  end(): void {
    this.ops.push('ET Q');
    this.out.doc.addContent(this.ops.join('\n'));
    this.ops = [];
  }
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

function rgbOperator(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)} rg`;
}
