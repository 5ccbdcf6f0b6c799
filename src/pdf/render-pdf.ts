import PDFDocument from 'pdfkit';
import type { Block, Layout, Role } from '../layout/types.js';
import type { SheetText } from '../text/render-text.js';
import type { FontSet } from './fonts.js';
import { logoImage } from './logo-image.js';
import { TextWriter } from './text-writer.js';
import { collectOutput, fastContentCompression } from './pdfkit-output.js';

export interface PdfOptions {
  /** The clinic's logo (PNG or JPEG bytes); drawn where the layout placed it (`layout.logo`). */
  logo?: Buffer | null;
  /** An archival copy: PDF/A-2b. Check `pdfaConflicts` first. */
  pdfa?: boolean;
}

/** Structure tag of each block role. The provider's note is a paragraph (PDF's `Note` means a footnote). */
const TAG: Record<Exclude<Role, 'LI'>, string> = { H1: 'H1', H2: 'H2', P: 'P', Note: 'P', Header: 'P', Footer: 'P' };

type Struct = PDFKit.PDFStructureElement;
/** PDFKit 0.20 also takes a `bbox` (left, top, right, bottom from the top left); its types omit it. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & { bbox?: [number, number, number, number] };

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
export function renderPdf(layout: Layout, text: SheetText, fonts: FontSet, options: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [layout.width, layout.height],
    margin: 0,
    autoFirstPage: true,
    // No built-in font: the default Helvetica would be loaded for nothing.
    font: null as unknown as string,
    compress: true,
    pdfVersion: '1.7',
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
  });
  escapeXmpInfo(doc);
  // The constructor has already pushed the file header through PDFKit's stream; everything after
  // it is collected directly.
  const chunks: Buffer[] = [];
  const rest = collectOutput(doc as never);
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat([...chunks, rest()])));
    doc.on('error', reject);
  });

  const writer = new TextWriter(doc as never, fonts);
  fastContentCompression((doc as unknown as { page: never }).page);

  const root = doc.struct('Document');
  doc.addStructure(root);

  doc.markContent('Artifact', { type: 'Layout' });
  for (const shape of layout.shapes) {
    doc.rect(shape.x, shape.y, shape.w, shape.h).fill(shape.color);
  }
  doc.endMarkedContent();

  if (options.logo && layout.logo) {
    const box = layout.logo;
    const logo = logoImage(doc as never, options.logo);
    tagged(doc, root, 'Figure', () => doc.image(logo as never, box.x, box.y, { width: box.width, height: box.height }), {
      alt: `${text.clinic.name} logo`,
      bbox: [box.x, box.y, box.x + box.width, box.y + box.height],
    });
  }

  let list: Struct | null = null;
  for (const block of layout.blocks) {
    if (block.role !== 'LI') {
      list?.end();
      list = null;
      tagged(doc, root, TAG[block.role], () => drawLines(writer, block));
      continue;
    }
    if (!list) {
      list = doc.struct('L');
      root.add(list);
    }
    const item = doc.struct('LI');
    list.add(item);
    const bullet = block.bullet;
    if (bullet) {
      tagged(doc, item, 'Lbl', () => {
        writer.begin();
        writer.color(bullet.color);
        writer.text('bold', bullet.size, bullet.x, bullet.y, '•');
        writer.end();
      });
    }
    tagged(doc, item, 'LBody', () => drawLines(writer, block));
    item.end();
  }
  list?.end();
  root.end();
  doc.end();
  return done;
}

/** One structure element under `parent` whose content is one marked-content sequence. */
function tagged(doc: PDFKit.PDFDocument, parent: Struct, tag: string, draw: () => void, options: StructOptions = {}): void {
  const element = doc.struct(tag, options);
  parent.add(element);
  const content = doc.markStructureContent(tag);
  draw();
  doc.endMarkedContent();
  element.add(content);
  element.end();
}

/** A block's lines; between lines that end between words goes an (invisible) space, for text read through the tags. */
function drawLines(writer: TextWriter, block: Block): void {
  writer.begin();
  let color = '';
  block.lines.forEach((line, i) => {
    if (line.color !== color) writer.color((color = line.color));
    const last = line.spans.length - 1;
    line.spans.forEach((span, j) => {
      const text = j === last && line.spaceAfter && i < block.lines.length - 1 ? `${span.text} ` : span.text;
      writer.text(span.style, line.size, line.x + span.x, line.y, text);
    });
  });
  writer.end();
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * PDFKit copies the Info strings (title with the patient's name, the clinic's name as author) into
 * the XMP metadata without escaping them, so "Smith & Jones Skin" would make the XML malformed,
 * which PDF/A validators and archive systems reject. Escape them for the XMP only; the Info
 * dictionary keeps the real text. (`_addInfo` runs at `end()`, after the Info dictionary is written.)
 */
function escapeXmpInfo(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { info: Record<string, unknown>; _addInfo: () => void };
  const addInfo = d._addInfo;
  d._addInfo = function (this: typeof d) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[&<>]/g, (c) => XML_ESCAPES[c]!) : v]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}
