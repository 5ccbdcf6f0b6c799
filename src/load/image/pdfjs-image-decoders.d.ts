// pdf.js's stand-alone image decoders (pdfjs-dist/image_decoders), which ship without types: the
// part of JpegImage that src/load/image/jpeg.ts uses.
declare module 'pdfjs-dist/image_decoders/pdf.image_decoders.mjs' {
  export class JpegImage {
    constructor(options?: { decodeTransform?: number[] | null; colorTransform?: number });
    width: number;
    height: number;
    numComponents: number;
    parse(data: Uint8Array): void;
    getData(options: { width: number; height: number; forceRGBA?: boolean; forceRGB?: boolean; isSourcePDF?: boolean }): Uint8ClampedArray;
  }
  export const VerbosityLevel: { ERRORS: number; WARNINGS: number; INFOS: number };
  export function setVerbosityLevel(level: number): void;
}
