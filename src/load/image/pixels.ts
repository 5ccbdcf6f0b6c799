/** An image as 8-bit RGBA, row by row from the top left (alpha not premultiplied). */
export interface Pixels {
  width: number;
  height: number;
  rgba: Uint8Array;
  /** The file stored grey levels only (written back as grey, not RGB). */
  gray: boolean;
}
