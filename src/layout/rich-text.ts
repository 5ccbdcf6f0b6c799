import { BOLD } from '../load/handlebars.js';
import type { Style } from './types.js';

export interface Run {
  text: string;
  style: Style;
}

/** Split a string with BOLD markers into runs; `base` is the style outside the markers. */
export function parseRich(text: string, base: Style = 'regular'): Run[] {
  const parts = text.split(BOLD);
  const runs: Run[] = [];
  parts.forEach((part, i) => {
    if (part) runs.push({ text: part, style: i % 2 === 1 ? 'bold' : base });
  });
  return runs;
}
