import { describe, expect, it } from 'vitest';
import { loadLanguage } from '../../src/load/load-templates.js';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { TEMPLATES_DIR } from '../../src/paths.js';
import { readPdf } from '../helpers/pdf.js';
import { fleschKincaid } from '../helpers/readability.js';
import { NOW, resources } from '../helpers/resources.js';

const headings = Object.values(loadLanguage(TEMPLATES_DIR, 'en').sections);

/**
 * The instructions as a patient reads them in the PDF: the text from the first section heading to
 * the footer, without the headings and bullets. Left out: the clinic's name, phone and address at
 * the top, the title, the patient's lines, the provider's note (not ours to simplify) and the
 * "Prepared ... by ..." footer.
 */
async function instructionText(row: Record<string, string>): Promise<string> {
  const visit = validateVisit(resources, { name: 'Dana Reyes', date: '2026-11-23T14:30', ...row }, { now: NOW });
  const { flat } = await readPdf((await makeHandout(resources, visit, { now: NOW })).pdf);
  let body = flat.slice(flat.indexOf(headings[0]!), flat.lastIndexOf('Prepared '));
  for (const h of headings) body = body.split(h).join(' ');
  return body.replace(/•/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('reading level of the English sheet', () => {
  // Together these two visits use every rule: aggressive (balm), under-eye (eye bruising), scars (LED);
  // standard with no area (general bruising).
  it.each([
    ['aggressive, under-eye, acne scars', { treatment: 'aggressive', area: 'Under-eye', concern: 'Acne scars' }],
    ['standard, no area or concern', { treatment: 'standard' }],
  ])('is at or below grade 8 (Flesch-Kincaid) for a %s sheet', async (label, row) => {
    const text = await instructionText(row);
    expect(text).toContain('Wash your face from 6:30 PM today');
    expect(text).toContain('Happy healing!');
    expect(text).not.toContain('Prepared');
    const r = fleschKincaid(text);
    console.log(`Flesch-Kincaid grade, ${label}: ${r.grade.toFixed(1)} (${r.words} words, ${r.sentences} sentences, ${r.syllables} syllables)`);
    expect(r.grade).toBeLessThanOrEqual(8);
  });

  it('counts like the formula says', () => {
    // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables: 0.39*6 + 11.8*1 - 15.59 = -1.45
    expect(fleschKincaid('The cat sat on the mat.').grade).toBeCloseTo(-1.45, 2);
    expect(fleschKincaid('Call us at 2:30 today.')).toMatchObject({ words: 5, sentences: 1, syllables: 1 + 1 + 1 + 3 + 2 });
  });
});
