import { deflateSync } from 'node:zlib';

// Changes to how PDFKit (0.20) writes a document, each measured on a sheet. They touch PDFKit
// internals, so tests read every PDF back (text, tags, PDF/A metadata) to catch a PDFKit change.

interface ContentRef {
  buffer: Uint8Array[];
  compress: boolean;
  data: Record<string, unknown>;
  write(chunk: string | Uint8Array): void;
  finalize(): void;
}

/**
 * Two changes to a page's content stream:
 *  - the operators drawn are kept as text and turned into bytes once, at the end, by Node
 *    (PDFKit converts every string it is given to bytes in a JavaScript loop, character by
 *    character: 17 KB per sheet);
 *  - it is compressed at zlib level 3 instead of PDFKit's default 6. Measured on a sheet: 0.08 ms
 *    instead of 0.20 ms, for 300 more bytes; deflating the page was the largest single cost left.
 */
export function fastContentCompression(page: { content: ContentRef }): void {
  const content = page.content;
  // What the page already holds (PDFKit's own opening transform, which makes y run down the page).
  const parts: string[] = content.buffer.map((chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1'));
  content.write = (chunk) => {
    // PDFKit ends every chunk with a line end (PDFReference.write).
    parts.push(typeof chunk === 'string' ? chunk + '\n' : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1'));
  };
  const finalize = content.finalize.bind(content);
  content.finalize = () => {
    if (parts.length) {
      const bytes = Buffer.from(parts.join(''), 'latin1');
      content.buffer = [content.compress ? deflateSync(bytes, { level: 3 }) : bytes];
      if (content.compress) content.data.Filter = 'FlateDecode';
      content.compress = false;
    }
    finalize();
  };
}

interface WritableDoc {
  _offset: number;
  _write(data: string | Uint8Array): void;
}

/**
 * Collect the document's bytes directly instead of through PDFKit's Readable stream: PDFKit
 * pushes every object in several small chunks (about a thousand per sheet), each converted to a
 * Uint8Array byte by byte and sent through Node's stream machinery. Here consecutive text chunks
 * are joined and converted once. Returns the function that gives the whole PDF after `end`.
 */
export function collectOutput(doc: WritableDoc): () => Buffer {
  const parts: Buffer[] = [];
  let text = '';
  doc._write = (data) => {
    if (typeof data === 'string') {
      // PDFKit writes binary strings (one char per byte), each followed by a line end.
      text += data + '\n';
      doc._offset += data.length + 1;
    } else {
      if (text) parts.push(Buffer.from(text, 'latin1'));
      text = '';
      parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      doc._offset += data.byteLength;
    }
  };
  return () => {
    if (text) parts.push(Buffer.from(text, 'latin1'));
    text = '';
    return Buffer.concat(parts);
  };
}
