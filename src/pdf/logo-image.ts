/** The parts of a PDFKit (0.20) image object this module touches (PNGImage and JPEG share them). */
interface PdfImage {
  width: number;
  height: number;
  obj: unknown;
  imgData?: Uint8Array | null;
  alphaChannel?: Uint8Array | null;
  finalize(): void;
  splitAlphaChannel?(): void;
  loadIndexedAlphaChannel?(): void;
}
interface Doc {
  openImage(src: Buffer): PdfImage;
}

interface Parsed {
  image: PdfImage;
  /** A PNG with transparency, once its pixels have been split into colour and alpha (both deflated). */
  split?: { imgData: Uint8Array; alphaChannel: Uint8Array };
}

const parsed = new WeakMap<Buffer, Parsed>();

/**
 * The clinic's logo for one document, parsed once per process. PDFKit parses an image again for
 * every document (png-js copies a PNG's data byte by byte into an array), and a logo with
 * transparency is inflated, split into colour and alpha, and deflated twice: that was most of the
 * memory a sheet allocated. Here each document gets a fresh copy of the parsed image (embedding
 * marks the object as used), and a transparent PNG is split once, for the first document.
 */
export function logoImage(doc: Doc, bytes: Buffer): PdfImage {
  let entry = parsed.get(bytes);
  if (!entry) parsed.set(bytes, (entry = { image: doc.openImage(bytes) }));
  const image: PdfImage = Object.assign(Object.create(Object.getPrototypeOf(entry.image)) as PdfImage, entry.image, { obj: null });
  const cached = entry;
  if (cached.split) {
    const { imgData, alphaChannel } = cached.split;
    image.splitAlphaChannel = image.loadIndexedAlphaChannel = function (this: PdfImage) {
      this.imgData = imgData;
      this.alphaChannel = alphaChannel;
      this.finalize();
    };
  } else {
    const finalize = image.finalize;
    image.finalize = function (this: PdfImage) {
      if (this.alphaChannel && this.imgData) cached.split = { imgData: this.imgData, alphaChannel: this.alphaChannel };
      finalize.call(this);
    };
  }
  return image;
}
