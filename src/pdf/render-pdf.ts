import { randomBytes } from 'node:crypto';
import type { Block, Layout, LogoBox, Role } from '../layout/types.js';
import type { SheetText } from '../text/render-text.js';
import type { FontSet } from './fonts.js';
import type { PdfCaches } from './pdf-caches.js';
import { openDocument, type OpenDocument, type StructElement, type StructOptions, type StructureTree } from './pdfkit/index.js';
import { TextWriter } from './text-writer.js';

export interface PdfOptions {
  /** The clinic's logo (PNG or JPEG bytes); drawn where the layout placed it (`layout.logo`). */
  logo?: Buffer | null;
  /** An archival copy: PDF/A-2b. Check `pdfaConflicts` first. */
  pdfa?: boolean;
  /**
   * Lock the file with this password (AES-256, PDF 1.7 extension level 3): a viewer asks for it
   * before showing anything. PDF/A forbids encryption, so never with `pdfa`.
   */
  password?: string;
}

/** Structure tag of each block role. The provider's note is a paragraph (PDF's `Note` means a footnote). */
const TAG: Record<Exclude<Role, 'LI'>, string> = { H1: 'H1', H2: 'H2', P: 'P', Note: 'P', Header: 'P', Footer: 'P' };


/**
 * The only stage that touches PDFKit: draw a finished layout. Every position comes from the
 * layout, so this stage makes no decisions and never adds a page.
 *
 * The PDF is tagged for screen readers: Document > P (clinic), H1, P (patient, note), then per
 * section H2 and L > LI > (Lbl, LBody), and the footer P, in layout order (column 1, then
 * column 2). Each block is one marked-content sequence, however many lines and fonts it has, which
 * keeps tagging cheap. Decorations (bars, rules, the note's tint) are artifacts; the logo is a
 * Figure with alternative text.
 */
export function renderPdf(layout: Layout, text: SheetText, fonts: FontSet, caches: PdfCaches, options: PdfOptions = {}): Promise<Buffer> {
  if (options.pdfa && options.password !== undefined) throw new Error('a PDF/A copy cannot be encrypted');
  const out = openDocument(documentOptions(layout, text, options), caches.pdfkit);
  const writer = new TextWriter(out, fonts, caches);
  drawDecorations(out.doc, layout);
  if (options.logo && layout.logo) drawLogo(out, layout.logo, options.logo, text.clinic.name);
  drawBlocks(out.tags, writer, layout.blocks);
  out.end();
  return out.bytes;
}

/** The document: page size, PDF version (or the lock), tagging, language, PDF/A, and the Info entries. */
function documentOptions(layout: Layout, text: SheetText, options: PdfOptions): PDFKit.PDFDocumentOptions {
  return {
    size: [layout.width, layout.height],
    margin: 0,
    autoFirstPage: true,
    compress: true,
    // PDFKit encrypts every string and stream as it finalizes it, before the seam's output
    // collector gathers the bytes; 1.7ext3 selects AES-256 (V5, R5).
    ...(options.password !== undefined ? locked(options.password) : { pdfVersion: '1.7' as const }),
    tagged: true,
    lang: text.language,
    displayTitle: true,
    ...(options.pdfa && { subset: 'PDF/A-2b' as const }),
    info: {
      Title: text.meta.title,
      Author: text.meta.author,
      Subject: text.meta.subject,
      Creator: 'microneedling-handout',
      Producer: 'microneedling-handout (PDFKit)',
      CreationDate: text.meta.createdAt,
      // PDF/A wants every Info entry mirrored in the XMP metadata, and PDFKit writes no
      // xmp:ModifyDate; the archival copy leaves it out (it equals the creation date anyway).
      ...(!options.pdfa && { ModDate: text.meta.createdAt }),
    },
  };
}

/** The bars, rules and tints: one artifact sequence, outside the structure. */
function drawDecorations(doc: PDFKit.PDFDocument, layout: Layout): void {
  doc.markContent('Artifact', { type: 'Layout' });
  for (const shape of layout.shapes) {
    doc.rect(shape.x, shape.y, shape.w, shape.h).fill(shape.color);
  }
  doc.endMarkedContent();
}

/** The clinic's logo in its box, as a Figure with alternative text. */
function drawLogo(out: OpenDocument, box: LogoBox, bytes: Buffer, clinicName: string): void {
  const { doc, tags } = out;
  const logo = out.image(bytes);
  tagged(tags, tags.root, 'Figure', () => doc.image(logo, box.x, box.y, { width: box.width, height: box.height }), {
    alt: `${clinicName} logo`,
    bbox: [box.x, box.y, box.x + box.width, box.y + box.height],
  });
}

/** Every block in layout order: a list item goes into the list its run of items makes, anything else straight under the root. */
function drawBlocks(tags: StructureTree, writer: TextWriter, blocks: readonly Block[]): void {
  let list: StructElement | null = null;
  for (const block of blocks) {
    if (block.role !== 'LI') {
      list = null;
      tagged(tags, tags.root, TAG[block.role], () => drawLines(writer, block));
      continue;
    }
    list ??= tags.element(tags.root, 'L');
    drawListItem(tags, list, writer, block);
  }
}

/** LI > Lbl (the bullet, when the item has one) + LBody. */
function drawListItem(tags: StructureTree, list: StructElement, writer: TextWriter, block: Block): void {
  const item = tags.element(list, 'LI');
  const bullet = block.bullet;
  if (bullet) {
    tagged(tags, item, 'Lbl', () => {
      writer.begin();
      writer.color(bullet.color);
      writer.text('bold', bullet.size, bullet.x, bullet.y, '•');
      writer.end();
    });
  }
  tagged(tags, item, 'LBody', () => drawLines(writer, block));
}

/**
 * Encryption options: the patient's password opens the file; once open, it may be printed, copied
 * from and read aloud (the lock keeps out other readers, it does not restrict the patient). The
 * owner password, which would lift those permissions, is random and never kept.
 */
function locked(password: string): PDFKit.PDFDocumentOptions {
  return {
    pdfVersion: '1.7ext3',
    userPassword: password,
    ownerPassword: randomBytes(24).toString('base64'),
    permissions: { printing: 'highResolution', copying: true, contentAccessibility: true, modifying: false, annotating: false, fillingForms: false, documentAssembly: false },
  };
}

/** One structure element under `parent` whose content is one marked-content sequence. */
function tagged(tags: StructureTree, parent: StructElement, tag: string, draw: () => void, options: StructOptions = {}): void {
  const element = tags.element(parent, tag, options);
  tags.begin(element);
  draw();
  tags.end();
}

/** A block's lines; between lines that end between words goes an (invisible) space, for text read through the tags. */
function drawLines(writer: TextWriter, block: Block): void {
  writer.group(block, () => {
    let color = '';
    block.lines.forEach((line, i) => {
      if (line.color !== color) writer.color((color = line.color));
      const last = line.spans.length - 1;
      line.spans.forEach((span, j) => {
        writer.text(span.style, line.size, line.x + span.x, line.y, span.text, j === last && line.spaceAfter && i < block.lines.length - 1);
      });
    });
  });
}
