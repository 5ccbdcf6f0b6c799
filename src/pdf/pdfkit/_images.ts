import type { Memo } from '../../memo.js';
import type { InternalDoc, PdfImage } from './_internals.js';
import { seamMethod } from './_seam-method.js';

export interface ParsedImage {
  image: PdfImage;
  /** A PNG with transparency, once its pixels have been split into colour and alpha (both deflated). */
  split?: { imgData: Uint8Array; alphaChannel: Uint8Array };
}

/**
 * An image (the clinic's logo) for one document, parsed once per process. PDFKit parses an image
 * again for every document (png-js copies a PNG's data byte by byte into an array), and a logo with
 * transparency is inflated, split into colour and alpha, and deflated twice: that was most of the
 * memory a sheet allocated. Here each document gets a fresh copy of the parsed image (embedding
 * marks the object as used), and a transparent PNG is split once, for the first document.
 */
export function cachedImage(doc: InternalDoc, bytes: Buffer, images: Memo<Buffer, ParsedImage>): PdfImage {
  const entry = images.get(bytes, (b) => ({ image: doc.openImage(b) }));
  const image: PdfImage = Object.assign(Object.create(Object.getPrototypeOf(entry.image)) as PdfImage, entry.image, { obj: null });
  if (entry.split) {
    image.splitAlphaChannel = image.loadIndexedAlphaChannel = seamMethod(useSplit, image, entry.split);
  } else {
    image.finalize = seamMethod(finalizeKeepingSplit, image, { entry, finalize: image.finalize });
  }
  return image;
}

/** The colour and alpha split for an earlier document, instead of splitting the PNG again. */
function useSplit(this: PdfImage, split: NonNullable<ParsedImage['split']>): void {
  this.imgData = split.imgData;
  this.alphaChannel = split.alphaChannel;
  this.finalize();
}

/** PDFKit's finalize, keeping the split it made for the next documents. */
function finalizeKeepingSplit(this: PdfImage, { entry, finalize }: { entry: ParsedImage; finalize: PdfImage['finalize'] }): void {
  if (this.alphaChannel && this.imgData) entry.split = { imgData: this.imgData, alphaChannel: this.alphaChannel };
  finalize.call(this);
}
