import { describe, expect, it } from 'vitest';
import { planHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { layoutSheet } from '../../src/layout/layout-sheet.js';
import type { Layout } from '../../src/layout/types.js';
import { LIMITS } from '../../src/schema/visit.js';
import type { SheetText } from '../../src/text/render-text.js';
import { clinicWith } from '../helpers/clinic.js';
import { logoPng } from '../helpers/png.js';
import { NOW } from '../helpers/resources.js';

const resources = new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': logoPng(96, 64) }) });
const longest = {
  name: 'Maximiliana Alejandra Bartholomew-Featherstonehaugh de la Cruz y Montenegro Ruiz'.slice(0, LIMITS.name),
  area: 'Cheeks, forehead, chin, neck and the skin under both eyes too'.slice(0, LIMITS.area),
  concern: 'Acne scarring, fine lines, wrinkles, large pores and sun spots'.slice(0, LIMITS.concern),
  note: 'Deeper settings on the cheeks today. Expect a bit more redness than last time. Use the balm we gave you twice a day and call us if the bruising under your eyes gets worse or does not fade. See you in four weeks for the next session, same time. Drink water and rest well tonight, please!'.slice(0, LIMITS.note),
};
// A spread of dates (long and short weekday and month names), morning and evening.
const DATES = ['2026-11-23T09:30', '2026-09-15T10:30', '2026-08-25T11:45', '2026-12-29T10:45', '2026-11-27T10:45', '2026-02-04T21:10', '2026-05-20T16:00'];

/** Items whose lines are not all in one column, and headings left without their first item. */
function splits(layout: Layout): string[] {
  const found: string[] = [];
  const column = (x: number) => (x < layout.width / 2 ? 0 : 1);
  layout.blocks.forEach((block, i) => {
    const columns = new Set(block.lines.map((l) => column(l.x)));
    if (block.role === 'LI' && columns.size > 1) found.push(block.id);
    const next = layout.blocks[i + 1];
    if (block.role === 'H2' && next && column(next.lines[0]!.x) !== column(block.lines[0]!.x)) found.push(`${block.id} (heading alone)`);
  });
  return found;
}

describe('a list item is never split across the two columns', () => {
  describe.each(['en', 'es'])('%s', (language) => {
    it.each(['letter', 'a4'] as const)('%s, with the longest note, both treatments, many dates', (paper) => {
      let checked = 0;
      for (const treatment of ['standard', 'aggressive']) {
        for (const date of DATES) {
          for (const fields of [longest, { name: 'Al Ng' }]) {
            const visit = validateVisit(resources, { ...fields, treatment, date, language }, { now: NOW });
            const { text } = planHandout(resources, visit, NOW);
            const layout = layoutSheet(text, resources.fonts, { paper, logo: resources.clinic.logo, caches: resources.caches.layout });
            expect(layout.bodySize).toBeGreaterThanOrEqual(10);
            expect(splits(layout), `${treatment} ${date}`).toEqual([]);
            // Both columns are used (the check above means something).
            expect(new Set(layout.blocks.filter((b) => b.role === 'LI').map((b) => b.lines[0]!.x < layout.width / 2)).size).toBe(2);
            checked++;
          }
        }
      }
      expect(checked).toBe(2 * DATES.length * 2);
    });
  });

  it('splits only an item taller than a whole column', () => {
    const visit = validateVisit(resources, { name: 'Al Ng', treatment: 'standard', date: DATES[0] }, { now: NOW });
    const { text } = planHandout(resources, visit, NOW);
    const huge = { id: 'huge', text: 'A very long instruction that goes on and on. '.repeat(90) };
    const tall: SheetText = { ...text, sections: [{ ...text.sections[0]!, items: [text.sections[0]!.items[0]!, huge] }] };
    const layout = layoutSheet(tall, resources.fonts, { paper: 'letter', minBodySize: 10, maxBodySize: 10, caches: resources.caches.layout });
    const block = layout.blocks.find((b) => b.id === 'huge')!;
    expect(new Set(block.lines.map((l) => l.x < layout.width / 2)).size).toBe(2);
    expect(splits(layout)).toEqual(['huge']);
  });
});
