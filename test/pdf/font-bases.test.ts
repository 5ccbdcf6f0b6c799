import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { fontBasesJson, readFontBases } from '../../src/pdf/font-bases.js';
import { FontSet } from '../../src/pdf/fonts.js';
import { FONTS_DIR, EXAMPLE_CLINIC } from '../../src/paths.js';
import { Resources } from '../../src/resources.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW } from '../helpers/resources.js';

/** A sheet made by a fresh process's Resources, with the given fonts. */
async function sheet(fonts: FontSet, name: string) {
  const resources = new Resources({ config: EXAMPLE_CLINIC }, { fonts });
  const visit = validateVisit(resources, { name, treatment: 'aggressive', date: '2026-11-23T14:30', note: 'Stick with the gentle cleanser.' }, { now: NOW });
  return (await makeHandout(resources, visit, { now: NOW })).pdf;
}

describe("the fonts' base glyphs saved at build time", () => {
  const computed = new FontSet(FONTS_DIR, {});
  const bases = JSON.parse(fontBasesJson(computed.faces, computed.keys));

  it('give byte-identical sheets to working them out in the process, with common and uncommon letters', async () => {
    for (const name of ['Dana Reyes', 'Łukasz Żółkiewski-Ωμέγα']) {
      const fresh = await sheet(new FontSet(FONTS_DIR, {}), name);
      const saved = await sheet(new FontSet(FONTS_DIR, bases), name);
      expect(Buffer.compare(saved, fresh)).toBe(0);
      expect((await readPdf(saved)).flat).toContain(name);
    }
  });

  it('are the ones `npm run build` saved (the build ran before the tests)', () => {
    expect(readFontBases()).toEqual(bases);
  });

  it('are ignored for a font file they were not made from', async () => {
    const wrong = Object.fromEntries(Object.values(bases).map((b, i) => [`not-this-font-${i}`, b]));
    const fonts = new FontSet(FONTS_DIR, { ...wrong, [computed.keys.regular]: { ...bases[computed.keys.regular], glyphs: [0, 1, 2] , chars: 'abc' } });
    const made = await sheet(fonts, 'Dana Reyes');
    expect(Buffer.compare(made, await sheet(new FontSet(FONTS_DIR, {}), 'Dana Reyes'))).toBe(0);
  });

  it('are ignored when saved by an older build (without the glyph of each character and the font metrics)', async () => {
    const older = Object.fromEntries(Object.entries(bases).map(([key, { ids, advances, face, ...rest }]: [string, any]) => [key, rest]));
    const made = await sheet(new FontSet(FONTS_DIR, older), 'Łukasz Reyes');
    expect(Buffer.compare(made, await sheet(new FontSet(FONTS_DIR, {}), 'Łukasz Reyes'))).toBe(0);
  });
});
