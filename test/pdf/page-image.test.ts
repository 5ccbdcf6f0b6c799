import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { pageImage } from '../helpers/page-image.js';
import { NOW, resources } from '../helpers/resources.js';

const ACCENT = [0x0b, 0x59, 0x60];
const near = (rgba: Buffer, i: number, rgb: number[]) => rgb.every((v, k) => Math.abs(rgba[i + k]! - v) <= 12);

// Text extraction cannot tell an upside-down page from an upright one; this looks at the pixels.
describe('the printed page', () => {
  it('is upright: the accent bar along the top edge, the title in the top quarter, the footer at the bottom', async () => {
    const make = async () => {
      const visit = validateVisit(resources, { name: 'Wren Lindqvist', treatment: 'standard', date: '2026-11-23T10:00' }, { now: NOW });
      return (await makeHandout(resources, visit, { now: NOW })).pdf;
    };
    await make(); // the second sheet of a process takes the shared, cached paths
    const { width, height, rgba } = await pageImage(await make());
    const row = (y: number) => Array.from({ length: width }, (_, x) => (y * width + x) * 4);
    const share = (ys: number[], test: (i: number) => boolean) => {
      const px = ys.flatMap(row);
      return px.filter(test).length / px.length;
    };
    const rows = (from: number, to: number) => Array.from({ length: Math.round((to - from) * height) }, (_, k) => Math.round(from * height) + k);
    const dark = (i: number) => rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 300;
    // Small text at half size is anti-aliased to grey: the footer is found as "not white".
    const inked = (i: number) => rgba[i]! + rgba[i + 1]! + rgba[i + 2]! < 700;

    expect(share([1, 2], (i) => near(rgba, i, ACCENT))).toBeGreaterThan(0.95);
    expect(share([height - 2, height - 1], (i) => near(rgba, i, ACCENT))).toBe(0);
    expect(share(rows(0.05, 0.2), dark)).toBeGreaterThan(0.01);
    expect(share(rows(0.95, 0.975), inked)).toBeGreaterThan(0.05);
    expect(share(rows(0.985, 1), inked)).toBe(0);
  });
});
