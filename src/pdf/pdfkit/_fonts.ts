import { deflateSync } from 'node:zlib';
import type { Memo } from '../../memo.js';
import type { EmbeddedFont, FontTables, InternalDoc, PdfRef } from './_internals.js';
import { rawPdf } from './_raw.js';
import { seamMethod } from './_seam-method.js';

/** The parts of a font's embedding that depend only on which characters it has, in subset order. */
export interface EmbedTables {
  /** The ToUnicode map, compressed. */
  toUnicode: Buffer;
  /** The CIDFont's W (widths) array, already written as PDF. */
  widths: object;
}

/** What the font embedding remembers, per process (held by Resources, see src/caches.ts). */
export interface FontStreamCaches {
  /** Deflated ToUnicode maps by their text. */
  deflatedText: Memo<string, Buffer>;
  /** Deflated font files by the subset's bytes (FontFace hands out the same Uint8Array for the same glyphs). */
  deflatedBytes: WeakMap<Uint8Array, Buffer>;
  /** ToUnicode map and widths array per face and list of characters. */
  tables: Memo<string, EmbedTables>;
}

function deflated(caches: FontStreamCaches, chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') return caches.deflatedText.get(chunk, (c) => deflateSync(Buffer.from(c + '\n', 'latin1')));
  let z = caches.deflatedBytes.get(chunk);
  if (!z) caches.deflatedBytes.set(chunk, (z = deflateSync(chunk)));
  return z;
}

/** The W array as PDFKit writes it ([0 [w0 w1 ...]]), numbers rounded as PDFObject.number does. */
const widthsArray = (widths: number[]) => `[0 [${widths.map((w) => (w == null ? 'null' : String(Math.round(w * 1e6) / 1e6))).join(' ')}]]`;

/**
 * Register `face` (an object PDFKit uses like a fontkit font) with the document under `name`, put
 * it on the current page's font resources, and return its EmbeddedFont.
 */
export function embedFace(doc: InternalDoc, name: string, face: object, faceKey: string, caches: FontStreamCaches): EmbeddedFont {
  doc.registerFont(name, face);
  doc.font(name);
  const font = doc._font;
  cacheFontStreams(doc, font, faceKey, caches);
  doc.page.fonts[font.id] = font.ref();
  return font;
}

/**
 * Make a PDFKit EmbeddedFont reuse what it wrote for an earlier document. When PDFKit embeds a
 * font it encodes and deflates the subset font file, builds and deflates its ToUnicode map, and
 * writes a widths array of a few hundred numbers, for every document: with three faces that was
 * a fifth of the time of a sheet. Most sheets have exactly the same subsets (see TextWriter), so:
 *  - compressed streams are computed once and handed to PDFKit as already compressed (Filter set,
 *    PDFKit's own compression off);
 *  - the ToUnicode map and the widths array are kept per face and per list of characters (which
 *    decides both), and given to PDFKit ready-made.
 */
function cacheFontStreams(doc: InternalDoc, font: EmbeddedFont, faceKey: string, caches: FontStreamCaches): void {
  const embedding: Embedding = { doc, font, faceKey, caches, embed: font.embed.bind(font), toUnicodeCmap: font.toUnicodeCmap.bind(font), ref: doc.ref, inToUnicode: false };
  font.embed = seamMethod(embedCached, embedding);
  font.toUnicodeCmap = seamMethod(toUnicodeCached, embedding);
}

/** One font's embedding in one document (cacheFontStreams); its overrides are bound to it (see seamMethod). */
interface Embedding {
  doc: InternalDoc;
  font: EmbeddedFont;
  faceKey: string;
  caches: FontStreamCaches;
  /** PDFKit's own methods. */
  embed: () => void;
  toUnicodeCmap: () => PdfRef;
  ref: InternalDoc['ref'];
  /** What an earlier document with the same characters left (see embedCached). */
  known?: EmbedTables | undefined;
  /** PDFKit is writing the ToUnicode map (its stream is the one to remember). */
  inToUnicode: boolean;
  toUnicode?: Buffer | undefined;
  widths?: object | undefined;
}

function embedCached(this: Embedding): void {
  const { doc, font, caches } = this;
  const key = `${this.faceKey}\u0001${font.unicode.map((u) => u.join(' ')).join(',')}`;
  const known = (this.known = caches.tables.peek(key));
  this.widths = known?.widths;
  this.ref = doc.ref;
  doc.ref = seamMethod(refCompressedOnce, this);
  try {
    this.embed();
  } finally {
    doc.ref = this.ref;
  }
  if (!known && this.toUnicode && this.widths) caches.tables.set(key, { toUnicode: this.toUnicode, widths: this.widths });
}

/** doc.ref while the font is embedded: the widths array ready-made, each stream deflated once per process. */
function refCompressedOnce(this: Embedding, data?: Record<string, unknown>): PdfRef {
  const r: PdfRef = this.ref.call(this.doc, data);
  if (data && 'W' in data) data.W = this.widths ??= rawPdf(r, widthsArray(this.font.widths));
  r.end = seamMethod(endCompressed, { embedding: this, ref: r, end: r.end.bind(r) });
  return r;
}

function endCompressed(this: { embedding: Embedding; ref: PdfRef; end: PdfRef['end'] }, chunk?: string | Uint8Array): void {
  const { embedding, ref: r } = this;
  if (chunk === undefined || !r.compress) return this.end(chunk);
  r.compress = false;
  r.data.Filter = 'FlateDecode';
  const z = deflated(embedding.caches, chunk);
  if (embedding.inToUnicode) embedding.toUnicode = z;
  this.end(z);
}

function toUnicodeCached(this: Embedding): PdfRef {
  if (!this.known) {
    this.inToUnicode = true;
    try {
      return this.toUnicodeCmap();
    } finally {
      this.inToUnicode = false;
    }
  }
  const cmap = this.doc.ref({ Filter: 'FlateDecode' });
  cmap.end(this.known.toUnicode);
  return cmap;
}

export type { FontTables };
