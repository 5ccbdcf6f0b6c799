import { deflateSync } from 'node:zlib';
import type { InternalDoc, PdfRef } from './_internals.js';
import { seamMethod } from './_seam-method.js';

/**
 * Two changes to a page's content stream, each measured on a sheet:
 *  - the operators drawn are kept as text and turned into bytes once, at the end, by Node
 *    (PDFKit converts every string it is given to bytes in a JavaScript loop, character by
 *    character: 17 KB per sheet);
 *  - it is compressed at zlib level 3 instead of PDFKit's default 6 (0.08 ms instead of 0.20 ms,
 *    for 300 more bytes); deflating the page was the largest single cost left.
 */

/**
 * And with a 4 KB window and smaller match tables: a page's text repeats within a few lines, and
 * zlib clears its tables for every stream, which between sheets meant memory the caches had lost
 * (in a running pipeline 0.22 instead of 0.26 ms a sheet, for 250 more bytes in a 58 KB file).
 */
const CONTENT_DEFLATE = { level: 3, windowBits: 12, memLevel: 6 } as const;

/** A content chunk as text: PDFKit's Buffers hold one byte per character. */
const latin1 = (chunk: Uint8Array) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');

/** fastContentCompression's state for one page; its overrides are bound to it (see seamMethod). */
interface ContentParts {
  content: PdfRef;
  parts: string[];
  finalize: () => void;
}

function writeContentPart(this: ContentParts, chunk: string | Uint8Array): void {
  // PDFKit ends every chunk with a line end (PDFReference.write).
  this.parts.push(typeof chunk === 'string' ? chunk + '\n' : latin1(chunk));
}

function finalizeContent(this: ContentParts): void {
  const { content, parts } = this;
  if (parts.length) {
    const bytes = Buffer.from(parts.join(''), 'latin1');
    content.buffer = [content.compress ? deflateSync(bytes, CONTENT_DEFLATE) : bytes];
    if (content.compress) content.data.Filter = 'FlateDecode';
    content.compress = false;
  }
  this.finalize();
}

export function fastContentCompression(doc: InternalDoc): void {
  const content = doc.page.content;
  // What the page already holds (PDFKit's own opening transform, which makes y run down the page).
  const state: ContentParts = { content, parts: content.buffer.map(latin1), finalize: content.finalize.bind(content) };
  content.write = seamMethod(writeContentPart, state);
  content.finalize = seamMethod(finalizeContent, state);
}

/**
 * Collect the document's bytes directly instead of through PDFKit's Readable stream: PDFKit
 * pushes every object in several small chunks (about a thousand per sheet), each converted to a
 * Uint8Array byte by byte and sent through Node's stream machinery. Here consecutive text chunks
 * are joined and converted once. Returns the function that gives the rest of the PDF after `end`.
 */
export function collectOutput(doc: InternalDoc): () => Buffer {
  const state: Collected = { doc, parts: [], text: '' };
  doc._write = seamMethod(collect, state);
  return seamMethod(collectedRest, state);
}

/** collectOutput's state for one document. */
interface Collected {
  doc: InternalDoc;
  parts: Buffer[];
  /** Text written since the last binary chunk. */
  text: string;
}

function collect(this: Collected, data: string | Uint8Array): void {
  if (typeof data === 'string') {
    // PDFKit writes binary strings (one char per byte), each followed by a line end.
    this.text += data + '\n';
    this.doc._offset += data.length + 1;
  } else {
    if (this.text) this.parts.push(Buffer.from(this.text, 'latin1'));
    this.text = '';
    this.parts.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    this.doc._offset += data.byteLength;
  }
}

function collectedRest(this: Collected): Buffer {
  if (this.text) this.parts.push(Buffer.from(this.text, 'latin1'));
  this.text = '';
  return Buffer.concat(this.parts);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * PDFKit copies the Info strings (title with the patient's name, the clinic's name as author) into
 * the XMP metadata without escaping them, so "Smith & Jones Skin" would make the XML malformed,
 * which PDF/A validators and archive systems reject. Escape them for the XMP only; the Info
 * dictionary keeps the real text. (`_addInfo` runs at `end()`, after the Info dictionary is written.)
 */
export function escapeXmpInfo(doc: InternalDoc): void {
  doc._addInfo = seamMethod(addEscapedInfo, doc, doc._addInfo);
}

function addEscapedInfo(this: InternalDoc, addInfo: () => void): void {
  const info = this.info;
  this.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? v.replace(/[&<>]/g, (c) => XML_ESCAPES[c]!) : v]));
  try {
    addInfo.call(this);
  } finally {
    this.info = info;
  }
}
