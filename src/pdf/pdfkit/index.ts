// The one seam between this project and PDFKit. Every use of PDFKit beyond its documented API
// (its output stream, a page's content stream, EmbeddedFont, image objects, the Info dictionary)
// lives in this folder, typed once in _internals.ts; the rest of src/ imports this file only, and
// drives the document through PDFKit's public API. The internals are those of one PDFKit version,
// pinned exactly in package.json and checked at start-up (checkPdfkitVersion); the tests that read
// every PDF back (text, tags, xref offsets, the page as pixels) are what an upgrade must pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { HandoutError } from '../../errors.js';
import { Memo } from '../../memo.js';
import { ROOT } from '../../paths.js';
import { embedFace, type EmbedTables, type FontStreamCaches } from './_fonts.js';
import { cachedImage, type ParsedImage } from './_images.js';
import type { FontTables, InternalDoc } from './_internals.js';
import { collectOutput, escapeXmpInfo, fastContentCompression } from './_output.js';
import { StructureTree, type StructElement, type StructOptions } from './_structure.js';

export type { FontTables, Subset } from './_internals.js';
export type { StructElement, StructOptions, StructureTree } from './_structure.js';

/** The PDFKit version whose internals this folder was written for. */
export const PDFKIT_VERSION = '0.20.2';

// Set by scripts/build.mjs to the version bundled; under the test runner, read from node_modules.
declare const __PDFKIT_VERSION__: string | undefined;

export function installedPdfkitVersion(): string {
  if (typeof __PDFKIT_VERSION__ === 'string') return __PDFKIT_VERSION__;
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'pdfkit', 'package.json'), 'utf8')) as { version: string }).version;
}

/** Refuse to render with a PDFKit whose internals may differ from the ones this seam reaches into. */
export function checkPdfkitVersion(installed: string = installedPdfkitVersion()): void {
  if (installed !== PDFKIT_VERSION) {
    throw new HandoutError('E_INSTALL', `PDFKit ${installed} is installed, but this version of handout was written for PDFKit ${PDFKIT_VERSION}`, {
      hint: `Run \`npm ci\` in the handout folder to install PDFKit ${PDFKIT_VERSION} (package.json pins it).`,
    });
  }
}

/** What the seam remembers per process; one per Resources. */
export interface PdfkitCaches extends FontStreamCaches {
  images: Memo<Buffer, ParsedImage>;
}

export const newPdfkitCaches = (): PdfkitCaches => ({
  deflatedText: new Memo<string, Buffer>(512),
  deflatedBytes: new WeakMap(),
  tables: new Memo<string, EmbedTables>(256),
  images: new Memo<Buffer, ParsedImage>(4),
});

/** A face PDFKit can embed: an object with fontkit's font properties and `layout()` (see FontFace). */
export interface EmbeddableFace {
  readonly postscriptName: string;
}

/** One document being drawn, as the rest of src/pdf sees it. */
export interface OpenDocument {
  /** PDFKit's document, for its public API (structure, marked content, shapes, images). */
  readonly doc: PDFKit.PDFDocument;
  /** The page's height in points. */
  readonly pageHeight: number;
  /** Embed `face` under `name`: its resource name on the page and its per-document tables (subset, widths, ToUnicode). */
  embedFont(name: string, face: EmbeddableFace): { id: string; tables: FontTables };
  /** An image object for `doc.image()`, parsed once per process. */
  image(bytes: Buffer): PDFKit.Mixins.ImageSrc;
  /** The structure tree, its root a `Document` element: build it with this, not with `doc.struct()`. */
  readonly tags: StructureTree;
  /** Write the structure tree and end the document (instead of `doc.end()`). */
  end(): void;
  /** The whole PDF, once `end()` has been called. */
  readonly bytes: Promise<Buffer>;
}

/**
 * A new document whose output is collected directly, whose page content is compressed faster,
 * and whose XMP metadata is escaped (see _output.ts).
 */
export function openDocument(options: PDFKit.PDFDocumentOptions, caches: PdfkitCaches): OpenDocument {
  // No built-in font (`font: null`, which PDFKit's types do not allow): the default Helvetica would be loaded for nothing.
  const doc = new PDFDocument({ ...options, font: null as unknown as string });
  const internal = doc as unknown as InternalDoc;
  escapeXmpInfo(internal);
  // The constructor has already pushed the file header through PDFKit's stream; everything after
  // it is collected directly.
  const chunks: Buffer[] = [];
  const rest = collectOutput(internal);
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat([...chunks, rest()])));
    doc.on('error', reject);
  });
  fastContentCompression(internal);
  const tags = new StructureTree(internal, 'Document');
  return {
    doc,
    pageHeight: internal.page.height,
    embedFont: (name, face) => {
      const font = embedFace(internal, name, face, face.postscriptName, caches);
      return { id: font.id, tables: font };
    },
    image: (imageBytes) => cachedImage(internal, imageBytes, caches.images) as unknown as PDFKit.Mixins.ImageSrc,
    tags,
    end: () => {
      tags.write();
      doc.end();
    },
    bytes,
  };
}
