import PDFDocument from 'pdfkit';
import type { Layout } from '../layout/types.js';
import type { SheetText } from '../text/render-text.js';
import type { FontSet } from './fonts.js';
import { TextWriter } from './text-writer.js';

export interface PdfOptions {
  /** The clinic's logo (PNG or JPEG bytes), drawn where the layout placed it. */
  logo?: Buffer | null;
}

/**
 * The only stage that touches PDFKit: draw a finished layout. Every position comes from the
 * layout, so this stage makes no decisions and never adds a page.
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
    lang: text.language,
    displayTitle: true,
    info: {
      Title: text.meta.title,
      Author: text.meta.author,
      Subject: text.meta.subject,
      Creator: 'microneedling-handout',
      Producer: 'microneedling-handout (PDFKit)',
      CreationDate: text.meta.createdAt,
      ModDate: text.meta.createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const writer = new TextWriter(doc as never, fonts);

  for (const shape of layout.shapes) {
    doc.rect(shape.x, shape.y, shape.w, shape.h).fill(shape.color);
  }
  if (options.logo && layout.logo) {
    const { x, y, width, height } = layout.logo;
    doc.image(options.logo, x, y, { width, height });
  }
  for (const block of layout.blocks) {
    writer.begin();
    if (block.bullet) {
      const b = block.bullet;
      writer.color(b.color);
      writer.text('bold', b.size, b.x, b.y, '•');
    }
    let color = '';
    for (const line of block.lines) {
      if (line.color !== color) writer.color((color = line.color));
      for (const span of line.spans) writer.text(span.style, line.size, span.x, line.y, span.text);
    }
    writer.end();
  }
  doc.end();
  return done;
}
