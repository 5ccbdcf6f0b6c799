import { describe, expect, it } from 'vitest';
import { makeHandout, planHandout, validateVisit } from '../../src/handout.js';
import { layoutSheet } from '../../src/layout/layout-sheet.js';
import { BODY_SIZE, PAGE_SIZES } from '../../src/layout/page.js';
import { LIMITS } from '../../src/schema/visit.js';
import { NOW, resources } from '../helpers/resources.js';

const longest = {
  name: 'Maximiliana ' + 'W'.repeat(LIMITS.name - 12),
  area: 'A'.repeat(LIMITS.area),
  concern: 'Acne scarring and ' + 'c'.repeat(LIMITS.concern - 18),
  note: ('Keep the balm on overnight and call us if the redness gets worse after Friday. ').repeat(4).slice(0, LIMITS.note),
};

describe('one page, readable', () => {
  it.each([
    ['letter', 'standard'],
    ['letter', 'aggressive'],
    ['a4', 'standard'],
    ['a4', 'aggressive'],
  ] as const)('fits the longest allowed input on %s (%s) inside the page at a readable size', async (paper, treatment) => {
    const visit = validateVisit(resources, { ...longest, treatment, date: '2026-11-23T14:30' }, { now: NOW });
    const { layout } = await makeHandout(resources, visit, { now: NOW, paper });
    expect(layout.bodySize).toBeGreaterThanOrEqual(BODY_SIZE.min);
    const page = PAGE_SIZES[paper];
    for (const block of layout.blocks) {
      for (const line of block.lines) {
        expect(line.y).toBeGreaterThanOrEqual(0);
        expect(line.y + line.size * 1.3).toBeLessThanOrEqual(page.height);
        for (const span of line.spans) expect(line.x + span.x).toBeGreaterThanOrEqual(0);
        expect(line.x + line.spans[0]!.x + line.width).toBeLessThanOrEqual(page.width - 30);
      }
    }
    // Every instruction of the plan is on the page.
    const placed = new Set(layout.blocks.map((b) => b.id));
    const { plan } = planHandout(resources, visit, NOW);
    for (const i of plan.instructions) expect(placed).toContain(i.id);
  });

  it('picks the largest size that fits: larger when there is room, and one step up never fits', () => {
    const short = validateVisit(resources, { name: 'Al Ng', treatment: 'standard', date: '2026-11-23T14:30' }, { now: NOW });
    const long = validateVisit(resources, { ...longest, treatment: 'aggressive', date: '2026-11-23T14:30' }, { now: NOW });
    const fitted = (visit: typeof short) => {
      const { text } = planHandout(resources, visit, NOW);
      const size = layoutSheet(text, resources.fonts, { paper: 'a4', caches: resources.caches.layout }).bodySize;
      // The next size up, when there is one, does not fit (so the fit did not stop short).
      if (size < BODY_SIZE.max) {
        expect(() => layoutSheet(text, resources.fonts, { paper: 'a4', minBodySize: size + BODY_SIZE.step, caches: resources.caches.layout })).toThrowError(
          expect.objectContaining({ code: 'E_OVERFLOW' }),
        );
      }
      return size;
    };
    const a = fitted(short);
    const b = fitted(long);
    expect(a).toBeGreaterThan(b);
    expect(b).toBeGreaterThanOrEqual(BODY_SIZE.min);
  });

  it('finds the same size with or without a hint', () => {
    const visit = validateVisit(resources, { ...longest, treatment: 'aggressive', date: '2026-11-23T14:30' }, { now: NOW });
    const { text } = planHandout(resources, visit, NOW);
    const plainFit = layoutSheet(text, resources.fonts, { paper: 'letter', caches: resources.caches.layout }).bodySize;
    for (const hint of [9, 10.25, 11, 12.5, 20]) {
      expect(layoutSheet(text, resources.fonts, { paper: 'letter', hint, caches: resources.caches.layout }).bodySize).toBe(plainFit);
    }
  });

  it('refuses content that cannot fit, naming what was left over', () => {
    const visit = validateVisit(resources, { name: 'Al Ng', treatment: 'standard', date: '2026-11-23T14:30' }, { now: NOW });
    const { text } = planHandout(resources, visit, NOW);
    const huge = { ...text, sections: text.sections.map((s) => ({ ...s, items: [...s.items, ...s.items, ...s.items] })) };
    expect(() => layoutSheet(huge, resources.fonts, { paper: 'letter', caches: resources.caches.layout })).toThrowError(
      expect.objectContaining({ code: 'E_OVERFLOW', message: expect.stringMatching(/did not fit/) }),
    );
  });
});
