import { create, type Font, type Glyph, type GlyphPosition, type GlyphRun } from 'fontkit';
import { Memo } from '../memo.js';
import type { FontTables, Subset } from './pdfkit/index.js';

/**
 * Characters every document's font subsets start with, in this order. Their glyph numbers are then
 * the same in every document, so the encoding of a line made of them can be cached for the whole
 * process, and most sheets end up with byte-identical font subsets (encoded once, see FontFace).
 */
export const BASE_CHARS = [
  ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)),
  ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => String.fromCharCode(0xa0 + i)),
  // No-break spaces: every time on a sheet holds one ("2:30\u00a0PM", "6:30\u00a0p.\u202fm.").
  '\u202f', '•', '–', '—', '‘', '’', '“', '”', '…',
].join('');

/**
 * The font properties PDFKit's EmbeddedFont reads (for the font descriptor), plus glyph 0's advance.
 * Saved with the base, so a face with a saved base never has fontkit parse its file.
 */
export interface FaceMetrics {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  head: { macStyle: { italic: boolean } };
  post: { isFixedPitch: number };
  'OS/2': { sFamilyClass: number } | null;
  notdefAdvance: number;
}

/** A face's base glyphs worked out once (see FontFace.exportBase). */
export interface BaseFont {
  chars: string;
  /** Each character of `chars` (by code point): its glyph and advance in font units. */
  ids: number[];
  advances: number[];
  face: FaceMetrics;
  glyphs: number[];
  widths: number[];
  unicode: number[][];
  /** The encoded subset of exactly `glyphs`, base64. */
  subset: string;
}

/** What PDFKit reads of a fontkit font, read once (each property decodes a table). */
function faceMetrics(font: Font, notdefAdvance: number): FaceMetrics {
  const head = font.head as { macStyle: { italic: boolean } };
  const os2 = font['OS/2'] as { sFamilyClass: number } | undefined;
  const { minX, minY, maxX, maxY } = font.bbox;
  return {
    postscriptName: font.postscriptName,
    unitsPerEm: font.unitsPerEm,
    ascent: font.ascent,
    descent: font.descent,
    lineGap: font.lineGap,
    capHeight: font.capHeight,
    xHeight: font.xHeight,
    italicAngle: font.italicAngle,
    bbox: { minX, minY, maxX, maxY },
    head: { macStyle: { italic: Boolean(head.macStyle.italic) } },
    post: { isFixedPitch: (font.post as { isFixedPitch: number }).isFixedPitch },
    'OS/2': os2 ? { sFamilyClass: os2.sFamilyClass } : null,
    notdefAdvance,
  };
}

interface CachedRun {
  glyphs: Pick<Glyph, 'id' | 'advanceWidth' | 'codePoints'>[];
  positions: GlyphPosition[];
  advanceWidth: number;
}

/**
 * One font file, parsed once per process and shared by every document of a batch.
 *
 * PDFKit accepts any object with a fontkit-like `layout()` as a font. This one keeps two caches that
 * PDFKit would otherwise rebuild for every document, which is what makes an embedded font cost
 * ten times the built-in Helvetica:
 *  - text shaping results, per word (immutable copies; PDFKit scales positions in place, so every
 *    caller gets fresh position objects);
 *  - the encoded font subset, per set of glyphs (most sheets use the same glyphs).
 * Each document still gets its own subset numbering (`createSubset`), so nothing of one document's
 * state leaks into the next: the 1,000th document's text extracts exactly like the 1st's.
 */
export class FontFace {
  // Held by the face, which Resources holds: bounded for batches (and servers) of unusual names.
  private readonly runs = new Memo<string, CachedRun>(10_000);
  private readonly subsets = new Memo<string, Uint8Array>(256);
  private readonly glyphs = new Memo<number, { id: number; advance: number }>(20_000);
  private fontkitFont?: Font;
  /** The saved base's characters (see importBase): found without fontkit. */
  private baseGlyphs?: Map<number, { id: number; advance: number }>;

  // The font properties PDFKit's EmbeddedFont reads.
  readonly postscriptName: string;
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly italicAngle: number;
  readonly bbox: FaceMetrics['bbox'];
  readonly head: FaceMetrics['head'];
  readonly post: FaceMetrics['post'];
  readonly 'OS/2': FaceMetrics['OS/2'];
  private readonly notdefAdvance: number;

  /**
   * `base`: this file's base saved at build time (font-bases.ts). With it, the face has what a
   * sheet of common characters needs without fontkit parsing the file (nor, in the bundle, fontkit
   * even loading: scripts/lazy-modules.mjs); fontkit comes in for another character or subset.
   */
  constructor(
    private readonly bytes: Uint8Array,
    base?: BaseFont,
  ) {
    const m = base?.face ?? faceMetrics(this.font, this.hmtxAdvance(0));
    this.postscriptName = m.postscriptName;
    this.unitsPerEm = m.unitsPerEm;
    this.ascent = m.ascent;
    this.descent = m.descent;
    this.lineGap = m.lineGap;
    this.capHeight = m.capHeight;
    this.xHeight = m.xHeight;
    this.italicAngle = m.italicAngle;
    this.bbox = m.bbox;
    this.head = m.head;
    this.post = m.post;
    this['OS/2'] = m['OS/2'];
    this.notdefAdvance = m.notdefAdvance;
    if (base) this.importBase(base);
  }

  /** fontkit's parse of the file, on first use. */
  private get font(): Font {
    return (this.fontkitFont ??= create(this.bytes));
  }

  /** PDFKit's EmbeddedFont asks for glyph 0's advance only; a whole fontkit Glyph would decode its outline. */
  getGlyph(id: number): Glyph {
    return { id, advanceWidth: this.advanceOf(id), codePoints: [] };
  }

  hasGlyphForCodePoint(codePoint: number): boolean {
    const base = this.baseGlyphs?.get(codePoint);
    return base ? base.id !== 0 : this.font.hasGlyphForCodePoint(codePoint);
  }

  /**
   * Map text to glyphs through the font's cmap, with advances from its hmtx table. This skips
   * fontkit's OpenType shaping (GSUB/GPOS): decoding those tables is most of a cold start, and
   * Latin, Greek and Cyrillic text needs no shaping to be correct. What it gives up: kerning and
   * ligatures, which also keeps the extracted text exactly as typed (no "ﬁ" ligatures).
   */
  private shape(text: string): CachedRun {
    let run = this.runs.peek(text);
    if (!run) {
      run = { glyphs: [], positions: [], advanceWidth: 0 };
      for (const ch of text) {
        const codePoint = ch.codePointAt(0)!;
        const { id, advance } = this.glyphOf(codePoint);
        run.glyphs.push({ id, advanceWidth: advance, codePoints: [codePoint] });
        run.positions.push({ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0 });
        run.advanceWidth += advance;
      }
      this.runs.set(text, run);
    }
    return run;
  }

  /** The glyph for one character, with its advance in font units. */
  glyphOf(codePoint: number): { id: number; advance: number } {
    return this.glyphs.get(codePoint, (cp) => {
      const base = this.baseGlyphs?.get(cp);
      if (base) return base;
      // The cmap alone: fontkit's glyphForCodePoint also builds a Glyph object, which loads its
      // Unicode property tables to decide whether the character is a combining mark.
      const id = (this.font as unknown as { _cmapProcessor: { lookup(cp: number): number } })._cmapProcessor.lookup(cp);
      return { id, advance: this.advanceOf(id) };
    });
  }

  /** Advance width of a glyph from hmtx, without decoding its outline (fontkit's Glyph.advanceWidth does). */
  private advanceOf(id: number): number {
    return id === 0 ? this.notdefAdvance : this.hmtxAdvance(id);
  }

  private hmtxAdvance(id: number): number {
    const hmtx = this.font.hmtx;
    const metric = id < hmtx.metrics.length ? hmtx.metrics.get(id) : hmtx.metrics.get(hmtx.metrics.length - 1);
    return metric?.advance ?? 0;
  }

  /** fontkit's `layout`, cached. PDFKit calls it once per distinct word of a document. */
  layout(text: string, features?: unknown): GlyphRun {
    if (features) return this.font.layout(text, features);
    const run = this.shape(text);
    return {
      glyphs: run.glyphs as Glyph[],
      positions: run.positions.map((p) => ({ ...p })),
      advanceWidth: run.advanceWidth,
    };
  }

  /** Width of `text` in thousandths of the font size, as PDFKit will draw it. */
  widthOf(text: string): number {
    return (this.shape(text).advanceWidth * 1000) / this.unitsPerEm;
  }

  private prefilled?: { chars: string; glyphs: number[]; index: Map<number, number>; widths: number[]; unicode: number[][] };

  /**
   * What `prefill(chars)` works out, and the encoded subset of exactly those glyphs (the font file
   * most sheets embed), as plain data: `npm run build` saves it beside the bundle (FontSet reads it
   * back), so even the first sheet of a process skips a few hundred glyph look-ups and fontkit's
   * subset encoder.
   */
  exportBase(chars: string): BaseFont {
    const tables: FontTables = { subset: this.createSubset(), widths: [], unicode: [] };
    this.prefill(tables, chars);
    const p = this.prefilled!;
    const found = [...chars].map((ch) => this.glyphOf(ch.codePointAt(0)!));
    return {
      chars,
      ids: found.map((g) => g.id),
      advances: found.map((g) => g.advance),
      face: faceMetrics(this.font, this.notdefAdvance),
      glyphs: p.glyphs,
      widths: p.widths,
      unicode: p.unicode,
      subset: Buffer.from(tables.subset.encode()).toString('base64'),
    };
  }

  private importBase(base: BaseFont): void {
    const codePoints = [...base.chars].map((ch) => ch.codePointAt(0)!);
    this.baseGlyphs = new Map(codePoints.map((cp, i) => [cp, { id: base.ids[i]!, advance: base.advances[i]! }]));
    this.prefilled = { chars: base.chars, glyphs: base.glyphs, index: new Map(base.glyphs.map((id, gid) => [id, gid])), widths: base.widths, unicode: base.unicode };
    this.subsets.set(base.glyphs.join(','), new Uint8Array(Buffer.from(base.subset, 'base64')));
  }

  /**
   * Give a document's font its first glyphs, `chars` in order, as if each had been drawn: subset,
   * widths (in thousandths of the font size) and ToUnicode entries. Worked out once per process and
   * copied, instead of a few hundred lookups per face for every document.
   */
  prefill(font: FontTables, chars: string): void {
    let p = this.prefilled;
    if (p?.chars !== chars) {
      // As PDFKit's EmbeddedFont starts (glyph 0 with its width in font units, as PDFKit writes it).
      const tables: FontTables = { subset: this.createSubset(), widths: [this.advanceOf(0)], unicode: [[0]] };
      for (const ch of chars) this.include(tables, ch.codePointAt(0)!);
      const glyphs = [...tables.subset.glyphs];
      p = this.prefilled = { chars, glyphs, index: new Map(glyphs.map((id, gid) => [id, gid])), widths: tables.widths, unicode: tables.unicode };
    }
    font.subset = this.createSubset(p);
    font.widths = p.widths.slice();
    font.unicode = p.unicode.slice();
  }

  /** Add one character to a document's font; its glyph number in that document's subset. */
  include(font: FontTables, codePoint: number): number {
    const { id, advance } = this.glyphOf(codePoint);
    const gid = font.subset.includeGlyph(id);
    if (font.widths[gid] == null) font.widths[gid] = advance * (1000 / this.unitsPerEm);
    if (font.unicode[gid] == null) font.unicode[gid] = [codePoint];
    return gid;
  }

  /** A fresh subset for one document; its encoding is shared with every document that used the same glyphs. */
  createSubset(start: { glyphs: readonly number[]; index: ReadonlyMap<number, number> } = { glyphs: [0], index: new Map([[0, 0]]) }): Subset {
    const glyphs = start.glyphs.slice();
    // The starting glyphs' numbers are looked up in the shared (read-only) index; only glyphs
    // added for this document get an index of their own.
    const shared = start.index;
    const added = new Map<number, number>();
    return {
      glyphs,
      includeGlyph: (glyph) => {
        const id = typeof glyph === 'number' ? glyph : glyph.id;
        let gid = shared.get(id) ?? added.get(id);
        if (gid === undefined) {
          gid = glyphs.length;
          glyphs.push(id);
          added.set(id, gid);
        }
        return gid;
      },
      encode: () => {
        const key = glyphs.join(',');
        return this.subsets.get(key, () => {
          const subset = this.font.createSubset();
          for (const id of glyphs.slice(1)) subset.includeGlyph(id);
          return subset.encode();
        });
      },
    };
  }
}
