import { describe, expect, it } from 'vitest';
import { parseRich } from '../../src/layout/rich-text.js';
import { newLayoutCaches, wrapRuns } from '../../src/layout/wrap.js';
import { resources } from '../helpers/resources.js';

describe('line breaking', () => {
  it('never breaks at a no-break space (Spanish "6:30 p.\\u202Fm.")', () => {
    const text = 'Lávate la cara desde hoy a las 6:30 p.\u202fm., no antes. Hasta el martes a las 10:30 a.\u00a0m. nada más.';
    for (let width = 40; width <= 300; width += 3) {
      const lines = wrapRuns(parseRich(text), width, 10, resources.fonts, newLayoutCaches()).map((l) => l.spans.map((s) => s.text).join(''));
      expect(lines.join(' ')).toBe(text);
      for (const line of lines) expect(line).not.toMatch(/(^m\.)|([ap]\.$)/);
    }
  });

  it('still breaks at ordinary spaces and drops them at the end of a line', () => {
    const lines = wrapRuns(parseRich('one two three four five six'), 60, 10, resources.fonts, newLayoutCaches());
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.spans.at(-1)!.text).not.toMatch(/ $/);
  });

  it('says which line ends between words, so the PDF can carry a space there for screen readers', () => {
    const words = wrapRuns(parseRich('one two three four five six'), 60, 10, resources.fonts, newLayoutCaches());
    expect(words.every((l) => l.spaceAfter)).toBe(true);
    const name = wrapRuns(parseRich('Bartholomew-Featherstonehaugh-Montenegro next'), 60, 10, resources.fonts, newLayoutCaches());
    expect(name.length).toBeGreaterThan(2);
    expect(name.slice(0, -2).every((l) => !l.spaceAfter)).toBe(true);
    expect(name.at(-1)!.spaceAfter).toBe(true);
  });
});
