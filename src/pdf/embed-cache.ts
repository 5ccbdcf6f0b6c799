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
  embed(): void;
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

/**
 * Make a PDFKit EmbeddedFont reuse compressed streams across documents. When PDFKit embeds a
 * font it writes the subset font file and its ToUnicode map, deflating each one again for every
 * document: with three faces that was a fifth of the time of a sheet. Most sheets have exactly the
 * same subsets (see TextWriter), so the compressed bytes are computed once and handed to PDFKit
 * as an already-compressed stream (Filter set, PDFKit's own compression off).
 */
export function cacheFontStreams(doc: Doc, font: EmbeddedFontInternals): void {
  const embed = font.embed.bind(font);
  font.embed = () => {
    const ref = doc.ref;
    doc.ref = function (data?: Record<string, unknown>) {
      const r = ref.call(doc, data);
      const end = r.end.bind(r);
      r.end = (chunk) => {
        if (chunk === undefined || !r.compress) return end(chunk);
        r.compress = false;
        r.data.Filter = 'FlateDecode';
        return end(deflated(chunk));
      };
      return r;
    };
    try {
      embed();
    } finally {
      doc.ref = ref;
    }
  };
}
