import { HandoutError } from '../errors.js';
import type { SheetText } from '../text/render-text.js';
import { composePage, type Attempt } from './compose-page.js';
import { BODY_SIZE } from './page.js';
import type { FontMetrics, Layout } from './types.js';
import type { LayoutCaches } from './wrap.js';

export interface LayoutOptions {
  paper: 'letter' | 'a4';
  /** Smallest body size allowed, in points. */
  minBodySize?: number;
  maxBodySize?: number;
  /** The clinic logo's pixel size, if it has one (drawn left of the clinic's name). */
  logo?: { width: number; height: number } | null;
  /** A size to try first (the size the previous sheet got): usually the answer, found in two tries. */
  hint?: number;
  /** Wrapped paragraphs remembered per process (Resources' caches). */
  caches: LayoutCaches;
}

/**
 * Lay the sheet out on exactly one page: try body sizes from the largest down and keep the largest
 * at which everything fits (binary search: more text never fits at a larger size). Content that does
 * not fit even at the minimum is an E_OVERFLOW naming what was left over; nothing is ever cut.
 */
export function layoutSheet(text: SheetText, metrics: FontMetrics, options: LayoutOptions): Layout {
  const min = options.minBodySize ?? BODY_SIZE.min;
  const max = options.maxBodySize ?? BODY_SIZE.max;
  const steps = Math.round((max - min) / BODY_SIZE.step);
  // Trying a size only measures (no lines are built); the size chosen is then laid out in full.
  const attempts = new Map<number, Attempt>();
  const attempt = (i: number): Attempt => {
    let a = attempts.get(i);
    if (!a) attempts.set(i, (a = composePage(text, metrics, options, min + i * BODY_SIZE.step, false)));
    return a;
  };
  const fits = (i: number) => attempt(i).leftOver.length === 0;
  // Find the largest step that fits (more text never fits at a larger size): binary search,
  // narrowed first around the hint.
  let lo = 0;
  let hi = steps;
  if (options.hint !== undefined) {
    const h = Math.min(steps, Math.max(0, Math.round((options.hint - min) / BODY_SIZE.step)));
    if (fits(h)) {
      lo = h + 1;
      if (h < steps && !fits(h + 1)) hi = h;
    } else {
      hi = h - 1;
      if (h > 0 && fits(h - 1)) lo = hi = h - 1;
    }
  }
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi >= 0) return composePage(text, metrics, options, min + hi * BODY_SIZE.step, true).layout;
  const what = attempt(0).leftOver.join(', ');
  throw new HandoutError('E_OVERFLOW', `the sheet does not fit on one ${options.paper} page even with ${min} pt text: ${what} did not fit`, {
    hint: text.note
      ? `Shorten the provider's note (now ${text.note.text.length} characters) or the rule texts.`
      : 'Shorten the rule texts or the clinic details.',
  });
}
