import type { Style } from '../layout/types.js';
import { BASE_CHARS, type FontFace } from './font-face.js';
import type { FontSet } from './fonts.js';
import { Memo } from '../memo.js';
import type { PdfCaches } from './pdf-caches.js';
import type { FontTables, OpenDocument } from './pdfkit/index.js';


const IS_BASE = new Set(BASE_CHARS);
/** Lines remembered per face: a protocol's text in two languages and its dates, many times over. */
const ENCODINGS_PER_FACE = 5_000;

interface FaceState {
  face: FontFace;
  /** The font's resource name on the page. */
  id: string;
  /** This document's subset, widths and ToUnicode entries for the face. */
  font: FontTables;
  /** Line text -> encoded glyphs, for lines of base characters only (the same in every document). */
  encoded: Memo<string, string>;
  /** The encoded space, added after a line that ends between words. */
  space: string;
}

/**
 * A glyph number as the two bytes of a PDF literal string (as a latin1 JS string, which is how
 * PDFKit writes content). Half the size of hex, which is what most of a page's content is, so
 * the page compresses in less time. Delimiters and line ends are escaped. Pushed as char codes and
 * made into one flat string per line: a string built with `+=` stays a tree of two-character
 * pieces, which every later join of the page walks again.
 */
const ESCAPED: Record<number, number> = { 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c, 0x0d: 0x72, 0x0a: 0x6e };
function pushByte(codes: number[], b: number): void {
  const escaped = ESCAPED[b];
  if (escaped === undefined) codes.push(b);
  else codes.push(0x5c, escaped);
}

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
  /** The current group's glyphs are numbered alike in every document (base characters only). */
  private allBase = true;
  /** The three faces' resource names and the page height, which a remembered group's operators depend on. */
  private readonly fontIds: string;

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
      const encoded = caches.encodings.get(face.postscriptName, () => new Memo<string, string>(ENCODINGS_PER_FACE));
      const s: FaceState = { face, id, font: tables, encoded, space: '' };
      s.space = this.encode(s, ' ');
      return s;
    };
    this.faces = { regular: state('regular'), bold: state('bold'), italic: state('italic') };
    this.fontIds = `${this.faces.regular.id} ${this.faces.bold.id} ${this.faces.italic.id} ${this.height}`;
  }

  /**
   * One text object whose lines `draw` writes, remembered per `key` (a layout block): the same block
   * in a later document (the layout shares a day's unchanged body between sheets) is copied as it
   * was written, when its glyphs are numbered alike in every document and the fonts have the same
   * names (and the page the same height). Only for drawing that depends on nothing but the key.
   */
  group(key: object, draw: () => void): void {
    const known = this.caches.groups.get(key);
    if (known && known.fonts === this.fontIds) {
      this.out.doc.addContent(known.ops);
      return;
    }
    this.begin();
    draw();
    const ops = this.finish();
    if (this.allBase) this.caches.groups.set(key, { fonts: this.fontIds, ops });
  }

  private encode(s: FaceState, text: string): string {
    const cached = s.encoded.peek(text);
    if (cached !== undefined) return cached;
    const codes: number[] = [];
    let base = true;
    for (const ch of text) {
      if (!IS_BASE.has(ch)) base = false;
      const glyph = s.face.include(s.font, ch.codePointAt(0)!);
      pushByte(codes, glyph >> 8);
      pushByte(codes, glyph & 0xff);
    }
    const bytes = String.fromCharCode.apply(null, codes);
    if (!base) this.allBase = false;
    // Only base characters have the same glyph numbers in every document.
    if (base) s.encoded.set(text, bytes);
    return bytes;
  }

  /** Start a group of lines (one text object); the caller may wrap it in marked content. */
  begin(): void {
    this.ops = ['q 1 0 0 -1 0 ' + num(this.height) + ' cm BT'];
    this.fontOp = '';
    this.allBase = true;
  }

  color(rgb: string): void {
    this.ops.push(this.caches.colors.get(rgb, rgbOperator));
  }

  /**
   * Draw `text` with its line box's top at `top` (points from the page top), like PDFKit's text();
   * `spaceAfter` adds an (invisible) space at its end, for text read through the tags.
   */
  text(style: Style, size: number, x: number, top: number, text: string, spaceAfter = false): void {
    const s = this.faces[style];
    const baseline = this.height - top - (s.face.ascent * size) / s.face.unitsPerEm;
    // The font and size stay set inside a text object: say them only when they change.
    const fontOp = `/${s.id} ${num(size)} Tf `;
    const tf = fontOp === this.fontOp ? '' : (this.fontOp = fontOp);
    this.ops.push(`1 0 0 1 ${num(x)} ${num(baseline)} Tm ${tf}(${this.encode(s, text)}${spaceAfter ? s.space : ''}) Tj`);
  }

  end(): void {
    this.finish();
  }

  /** End the text object; its operators, as added to the page. */
  private finish(): string {
    this.ops.push('ET Q');
    const ops = this.ops.join('\n');
    this.out.doc.addContent(ops);
    this.ops = [];
    return ops;
  }
}

const num = (n: number) => (Math.round(n * 100) / 100).toString();

function rgbOperator(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)} rg`;
}
