import { deflateSync } from 'node:zlib';

/** The parts of PDFKit's internals (pdfkit 0.20) this module touches. */
interface PdfRef {
  data: Record<string, unknown>;
  compress: boolean;
  end(chunk?: string | Uint8Array): void;
}
interface Doc {
  ref(data?: Record<string, unknown>): PdfRef;
}
interface EmbeddedFontInternals {
  widths: number[];
  unicode: number[][];
  embed(): void;
  toUnicodeCmap(): PdfRef;
}

// Compressed streams by content, shared by every document of the process. A font subset arrives
// as the same Uint8Array object each time (FontFace caches it), so it is keyed by identity; the
// ToUnicode map is a string, keyed by its text.
const byBytes = new WeakMap<Uint8Array, Buffer>();
const byText = new Map<string, Buffer>();

function deflated(chunk: string | Uint8Array): Buffer {
  if (typeof chunk === 'string') {
    let z = byText.get(chunk);
    if (!z) {
      if (byText.size > 512) byText.clear();
      byText.set(chunk, (z = deflateSync(Buffer.from(chunk + '\n', 'latin1'))));
    }
    return z;
  }
  let z = byBytes.get(chunk);
  if (!z) byBytes.set(chunk, (z = deflateSync(chunk)));
  return z;
}

/** The parts of a font's embedding that depend only on which characters it has, in subset order. */
interface Tables {
  /** The ToUnicode map, compressed. */
  toUnicode: Buffer;
  /** The CIDFont's W (widths) array, already written as PDF. */
  widths: object;
}
const tablesByFace = new WeakMap<object, Map<string, Tables>>();

/**
 * PDF text that PDFKit copies into a dictionary as it is: PDFKit writes any reference object
 * through its toString(), so a value dressed as one is written verbatim.
 */
function rawPdf(reference: object, text: string): object {
  return Object.create(Object.getPrototypeOf(Object.getPrototypeOf(reference)) as object, { toString: { value: () => text } });
}

/** The W array as PDFKit writes it ([0 [w0 w1 ...]]), numbers rounded as PDFObject.number does. */
const widthsArray = (widths: number[]) => `[0 [${widths.map((w) => (w == null ? 'null' : String(Math.round(w * 1e6) / 1e6))).join(' ')}]]`;

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
export function cacheFontStreams(doc: Doc, font: EmbeddedFontInternals, face: object): void {
  const embed = font.embed.bind(font);
  const toUnicodeCmap = font.toUnicodeCmap.bind(font);
  font.embed = () => {
    let byChars = tablesByFace.get(face);
    if (!byChars) tablesByFace.set(face, (byChars = new Map()));
    const key = font.unicode.map((u) => u.join(' ')).join(',');
    const known = byChars.get(key);
    let inToUnicode = false;
    let toUnicode: Buffer | undefined;
    let widths: object | undefined = known?.widths;

    const ref = doc.ref;
    doc.ref = function (data?: Record<string, unknown>) {
      const r = ref.call(doc, data);
      if (data && 'W' in data) data.W = widths ??= rawPdf(r, widthsArray(font.widths));
      const end = r.end.bind(r);
      r.end = (chunk) => {
        if (chunk === undefined || !r.compress) return end(chunk);
        r.compress = false;
        r.data.Filter = 'FlateDecode';
        const z = deflated(chunk);
        if (inToUnicode) toUnicode = z;
        return end(z);
      };
      return r;
    };
    font.toUnicodeCmap = () => {
      if (!known) {
        inToUnicode = true;
        try {
          return toUnicodeCmap();
        } finally {
          inToUnicode = false;
        }
      }
      const cmap = doc.ref({ Filter: 'FlateDecode' });
      cmap.end(known.toUnicode);
      return cmap;
    };
    try {
      embed();
    } finally {
      doc.ref = ref;
    }
    if (!known && toUnicode && widths) {
      if (byChars.size > 256) byChars.clear(); // bound memory on batches of unusual names
      byChars.set(key, { toUnicode, widths });
    }
  };
}
