import { afterAll, describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { planHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { layoutSheet } from '../../src/layout/layout-sheet.js';
import { BODY_SIZE } from '../../src/layout/page.js';
import { LIMITS } from '../../src/schema/visit.js';
import type { SheetText } from '../../src/text/render-text.js';
import { clinicWith } from '../helpers/clinic.js';
import { logoPng } from '../helpers/png.js';
import { NOW } from '../helpers/resources.js';

// The worst case includes a clinic logo in the header.
const resources = new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': logoPng(96, 64) }) });

// Every field at its maximum length; area and concern pull in the extra rules (eye bruising, LED).
const longest = {
  name: 'Maximiliana Alejandra Bartholomew-Featherstonehaugh de la Cruz y Montenegro Ruiz'.slice(0, LIMITS.name),
  area: 'Cheeks, forehead, chin, neck and the skin under both eyes too'.slice(0, LIMITS.area),
  concern: 'Acne scarring, fine lines, wrinkles, large pores and sun spots'.slice(0, LIMITS.concern),
  note: 'Deeper settings on the cheeks today. Expect a bit more redness than last time. Use the balm we gave you twice a day and call us if the bruising under your eyes gets worse or does not fade. See you in four weeks for the next session, same time. Drink water and rest well tonight, please!'.slice(0, LIMITS.note),
};
// Dates whose phrases are long in both languages ("miércoles", "septiembre", "Wednesday", "September").
const DATES = ['2026-11-23T09:30', '2026-09-15T10:30', '2026-08-25T11:45', '2026-12-29T10:45'];
const sizes: string[] = [];

describe('body text is at least 10 pt with every field at its longest', () => {
  it('uses fields at their limits', () => {
    expect([longest.name.length, longest.area.length, longest.concern.length, longest.note.length]).toEqual([80, 60, 60, 280]);
    expect(BODY_SIZE.min).toBe(10);
  });

  describe.each(['en', 'es'])('%s', (language) => {
    describe.each(['letter', 'a4'] as const)('%s', (paper) => {
      it.each(['standard', 'aggressive'])('%s', (treatment) => {
        let smallest = Infinity;
        for (const date of DATES) {
          const visit = validateVisit(resources, { ...longest, treatment, date, language }, { now: NOW });
          const { text } = planHandout(resources, visit, NOW);
          expect(text.sections.flatMap((s) => s.items.map((i) => i.id))).toEqual(expect.arrayContaining(['expect-bruising-eyes', 'led-therapy']));
          const layout = layoutSheet(text, resources.fonts, { paper, logo: resources.clinic.logo, caches: resources.caches.layout });
          expect(layout.logo).toBeDefined();
          expect(layout.bodySize).toBeGreaterThanOrEqual(10);
          // Every line a patient reads as body, heading or note is at least the body size.
          for (const block of layout.blocks.filter((b) => b.role !== 'Header' && b.role !== 'Footer')) {
            for (const line of block.lines) expect(line.size).toBeGreaterThanOrEqual(10);
          }
          smallest = Math.min(smallest, layout.bodySize);
        }
        sizes.push(`${language} ${paper.padEnd(6)} ${treatment.padEnd(10)} ${smallest} pt`);
      });
    });
  });

  afterAll(() => console.log(`Body size with the longest fields (smallest over ${DATES.length} dates):\n${sizes.join('\n')}`));
});

describe('content that cannot fit', () => {
  it('is an E_OVERFLOW naming what did not fit, never smaller than 10 pt', () => {
    const visit = validateVisit(resources, { ...longest, treatment: 'aggressive', date: DATES[0] }, { now: NOW });
    const { text } = planHandout(resources, visit, NOW);
    const extra = Array.from({ length: 12 }, (_, i) => ({ id: `extra-${i}`, text: 'A long extra instruction that takes several lines of the page. '.repeat(3) }));
    const crowded: SheetText = { ...text, sections: [...text.sections, { id: 'questions', heading: 'More', items: extra }] };
    let error: unknown;
    try {
      layoutSheet(crowded, resources.fonts, { paper: 'letter', caches: resources.caches.layout });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HandoutError);
    expect((error as HandoutError).code).toBe('E_OVERFLOW');
    expect((error as HandoutError).message).toMatch(/even with 10 pt text: .*extra-11 did not fit/);
    expect((error as HandoutError).hint).toContain('280 characters');
  });
});
