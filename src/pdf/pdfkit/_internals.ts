// The parts of PDFKit 0.20's internals the seam touches, typed once. Nothing outside
// src/pdf/pdfkit/ sees these types (see index.ts); a PDFKit upgrade is checked against them here.

/** A PDF object being written (PDFReference). */
export interface PdfRef {
  readonly id: number;
  data: Record<string, unknown>;
  compress: boolean;
  buffer: Uint8Array[];
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
  finalize(): void;
}

/** A document's font subset: glyph ids in subset order (its glyph numbers are the positions). */
export interface Subset {
  readonly glyphs: readonly number[];
  includeGlyph(id: number | { id: number }): number;
  encode(): Uint8Array;
}

/** What PDFKit's EmbeddedFont keeps per document for a font: subset, widths and ToUnicode entries by glyph number. */
export interface FontTables {
  subset: Subset;
  widths: number[];
  unicode: number[][];
}

export interface EmbeddedFont extends FontTables {
  id: string;
  ref(): PdfRef;
  embed(): void;
  toUnicodeCmap(): PdfRef;
}

/** A PDFKit image object (PNGImage and JPEG share these). */
export interface PdfImage {
  width: number;
  height: number;
  obj: unknown;
  imgData?: Uint8Array | null;
  alphaChannel?: Uint8Array | null;
  finalize(): void;
  splitAlphaChannel?(): void;
  loadIndexedAlphaChannel?(): void;
}

/** PDFKit's document with the internals used here. */
export interface InternalDoc {
  _font: EmbeddedFont;
  _offset: number;
  /** Each object's offset in the file, by object number - 1 (the xref table); null until written. */
  _offsets: Array<number | null>;
  _write(data: string | Uint8Array): void;
  _addInfo(): void;
  info: Record<string, unknown>;
  page: {
    height: number;
    fonts: Record<string, unknown>;
    content: PdfRef;
    dictionary: PdfRef;
    /** The page's key in the structure parent tree (made, with an empty entry, when first read). */
    readonly structParentTreeKey: number;
  };
  addContent(data: string): unknown;
  /** The catalog's StructTreeRoot (made when first asked for): its /K, and the parent tree by key. */
  getStructTreeRoot(): PdfRef & { data: { K?: unknown[]; ParentTree: { add(key: number, value: object): void } } };
  ref(data?: Record<string, unknown>): PdfRef;
  registerFont(name: string, font: object): unknown;
  font(name: string): unknown;
  openImage(src: Buffer): PdfImage;
}
