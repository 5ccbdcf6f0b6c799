import type { Memo } from '../../memo.js';
import type { InternalDoc, PdfImage } from './_internals.js';

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
    const { imgData, alphaChannel } = entry.split;
    image.splitAlphaChannel = image.loadIndexedAlphaChannel = function (this: PdfImage) {
      this.imgData = imgData;
      this.alphaChannel = alphaChannel;
      this.finalize();
    };
  } else {
    const finalize = image.finalize;
    image.finalize = function (this: PdfImage) {
      if (this.alphaChannel && this.imgData) entry.split = { imgData: this.imgData, alphaChannel: this.alphaChannel };
      finalize.call(this);
    };
  }
  return image;
}
