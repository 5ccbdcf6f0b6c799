import { BODY_SIZE, MARGIN, PAGE_SIZES } from './page.js';
import type { LogoBox } from './types.js';

/** The logo is as tall as this many body sizes (about the clinic's contact lines)... */
const HEIGHT_IN_BODY_SIZES = 2.1;
/** ...and never wider than this share of the text width. */
const MAX_WIDTH_SHARE = 0.2;

/** The pixels per inch a logo needs to print sharply. */
export const PRINT_DPI = 300;

/** The logo's box at body size `size`, its top left at (x, y), on a page whose text is `textWidth` wide. */
export function logoBox(image: { width: number; height: number }, x: number, y: number, size: number, textWidth: number): LogoBox {
  let height = size * HEIGHT_IN_BODY_SIZES;
  let width = (height * image.width) / image.height;
  const maxWidth = textWidth * MAX_WIDTH_SHARE;
  if (width > maxWidth) {
    width = maxWidth;
    height = (width * image.height) / image.width;
  }
  return { x, y, width, height };
}

/**
 * The largest box a logo of this shape ever gets, in points: at the largest body size the fit
 * chooses, on the wider of the two papers.
 */
export function largestLogoBox(image: { width: number; height: number }): { width: number; height: number } {
  const widest = Math.max(...Object.values(PAGE_SIZES).map((p) => p.width));
  const { width, height } = logoBox(image, 0, 0, BODY_SIZE.max, widest - 2 * MARGIN.side);
  return { width, height };
}

/** The pixels a logo of this shape needs, at most, to print at PRINT_DPI (fractional; round up). */
export function logoPixelsNeeded(image: { width: number; height: number }): { width: number; height: number } {
  const box = largestLogoBox(image);
  return { width: (box.width * PRINT_DPI) / 72, height: (box.height * PRINT_DPI) / 72 };
}
