import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { makeHandout, planHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { RULES_DIR, TEMPLATES_DIR } from '../../src/paths.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW } from '../helpers/resources.js';

/** Copies of rules/ and templates/ plus a made-up third language, "fr", added as files only. */
function withFrench(dropRule?: string) {
  const dir = tempDir('handout-lang-');
  const rulesDir = join(dir, 'rules');
  const templatesDir = join(dir, 'templates');
  cpSync(RULES_DIR, rulesDir, { recursive: true });
  cpSync(TEMPLATES_DIR, templatesDir, { recursive: true });
  // As the README says: copy templates/en/sheet.json, translate it, and give every rule id a text.
  const sheet = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'en', 'sheet.json'), 'utf8'));
  cpSync(join(TEMPLATES_DIR, 'en'), join(templatesDir, 'fr'), { recursive: true });
  writeFileSync(
    join(templatesDir, 'fr', 'sheet.json'),
    JSON.stringify({ ...sheet, language: 'Français', title: 'Vos soins après le microneedling', dates: { ...sheet.dates, day: 'cccc d LLLL', onDay: 'le {{day}}' } }),
  );
  const rules = JSON.parse(readFileSync(join(RULES_DIR, 'protocol.json'), 'utf8')).rules as { id: string }[];
  const text = Object.fromEntries(rules.filter((r) => r.id !== dropRule).map((r) => [r.id, `Consigne ${r.id} jusqu'à {{until}}.`]));
  writeFileSync(join(rulesDir, 'text.fr.json'), JSON.stringify(text));
  return new Resources({ config: EXAMPLE_CONFIG, rulesDir, templatesDir });
}

describe('a third language is files, not code', () => {
  it('is picked up from templates/<code>/sheet.json and rules/text.<code>.json, dates in its locale', async () => {
    const resources = withFrench();
    expect(resources.languages).toEqual(['en', 'es', 'fr']);
    const visit = validateVisit(resources, { name: 'Zoé Martin', treatment: 'standard', date: '2026-11-23T14:30', language: 'fr' }, { now: NOW });
    const handout = await makeHandout(resources, visit, { now: NOW });
    const pdf = await readPdf(handout.pdf);
    expect(pdf.pages).toBe(1);
    expect(pdf.flat).toContain('Vos soins après le microneedling');
    expect(pdf.flat).toContain("Consigne no-anti-inflammatories jusqu'à le lundi 30 novembre.");
    expect(handout.layout.bodySize).toBeGreaterThanOrEqual(10);
  });

  it('names the rule that has no text in the new language', () => {
    const resources = withFrench('moisturize');
    const visit = validateVisit(resources, { name: 'Zoé Martin', treatment: 'standard', language: 'fr' }, { now: NOW });
    expect(() => planHandout(resources, visit, NOW)).toThrow(HandoutError);
    expect(() => planHandout(resources, visit, NOW)).toThrow(/moisturize.*"fr"/);
  });

  it('refuses a language that has no files, listing the ones there are', () => {
    const resources = withFrench();
    let error: unknown;
    try {
      validateVisit(resources, { name: 'A', treatment: 'standard', language: 'de' }, { now: NOW });
    } catch (e) {
      error = e;
    }
    expect((error as HandoutError).message).toContain('"de" is not a supported language');
    expect((error as HandoutError).hint).toBe('Supported languages: en, es, fr.');
  });
});
