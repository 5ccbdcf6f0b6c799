import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaAndConcernChoices } from '../../src/choices.js';
import { planHandout, validateVisit } from '../../src/handout.js';
import { RULES_DIR } from '../../src/paths.js';
import type { Vocabulary } from '../../src/schema/vocabulary.js';
import { plain } from '../../src/load/handlebars.js';
import { NOW, resources } from '../helpers/resources.js';

const vocabulary = JSON.parse(readFileSync(join(RULES_DIR, 'areas-and-concerns.json'), 'utf8')) as Vocabulary;
const protocol = JSON.parse(readFileSync(join(RULES_DIR, 'protocol.json'), 'utf8')) as { rules: { id: string; when?: { area?: string[]; concern?: string[] } }[] };

/** Every word and label of a term, in every language. */
const wordsOf = (kind: 'areas' | 'concerns', id: string) => {
  const t = vocabulary[kind].find((x) => x.id === id)!;
  return [...Object.values(t.label), ...Object.values(t.words).flat()];
};

function sheetFor(fields: Record<string, string>, language: string) {
  const visit = validateVisit(resources, { name: 'Dana Reyes', treatment: 'standard', date: '2026-11-23T14:30', language, ...fields }, { now: NOW });
  const { plan, text } = planHandout(resources, visit, NOW);
  return { ids: plan.instructions.map((i) => i.id), text };
}

// What each rule's advice says, per language (to see it reached the sheet, in that language).
const ADVICE: Record<string, Record<string, string>> = {
  'expect-bruising-eyes': { en: 'Puffy eyes can last 2 to 4 days, until about', es: 'La hinchazón de los ojos, de 2 a 4 días, más o menos hasta' },
  'led-therapy': { en: 'ask us about LED light therapy', es: 'pregúntanos por la terapia de luz LED' },
};

describe('areas and concerns: every listed word reaches its advice, in both languages', () => {
  const cases = protocol.rules.flatMap((rule) =>
    (['area', 'concern'] as const).flatMap((kind) =>
      (rule.when?.[kind] ?? []).flatMap((id) => wordsOf(kind === 'area' ? 'areas' : 'concerns', id).map((word) => [rule.id, kind, id, word] as const)),
    ),
  );

  it('covers the conditions of the bundled rules', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(['expect-bruising-eyes', 'led-therapy']));
    expect(cases.length).toBeGreaterThan(60);
  });

  it.each(['en', 'es'])('on the %s sheet', (language) => {
    const missed: string[] = [];
    for (const [ruleId, kind, , word] of cases) {
      for (const typed of [word, word.toUpperCase(), `${word} and cheeks`]) {
        const { ids, text } = sheetFor({ [kind]: typed.slice(0, 60) }, language);
        const item = text.sections.flatMap((s) => s.items).find((i) => i.id === ruleId);
        if (!ids.includes(ruleId) || !item || !plain(item.text).includes(ADVICE[ruleId]![language]!)) missed.push(`${kind} "${typed}"`);
      }
    }
    expect(missed).toEqual([]);
  });

  // The words a clinician found getting no LED advice or no under-eye line.
  it.each([
    ['concern', 'Wrinkles', 'led-therapy'],
    ['concern', 'Fine lines', 'led-therapy'],
    ['concern', 'Photoaging', 'led-therapy'],
    ["concern", "Crow's feet", 'led-therapy'],
    ['concern', 'Aging', 'led-therapy'],
    ['concern', 'Arrugas y patas de gallo', 'led-therapy'],
    ['area', 'Undereye', 'expect-bruising-eyes'],
    ['area', 'Tear trough', 'expect-bruising-eyes'],
    ['area', 'Infraorbital', 'expect-bruising-eyes'],
    ['area', 'Surco lagrimal', 'expect-bruising-eyes'],
  ])('%s "%s" gets %s in both languages', (kind, typed, ruleId) => {
    for (const language of ['en', 'es']) expect(sheetFor({ [kind]: typed }, language).ids).toContain(ruleId);
  });

  it.each([
    ['concern', 'Large pores', 'led-therapy'],
    ['concern', 'Sun spots', 'led-therapy'],
    ['area', 'Eyebrows', 'expect-bruising-eyes'],
    ['area', 'Cheeks', 'expect-bruising-eyes'],
  ])('%s "%s" does not get %s', (kind, typed, ruleId) => {
    expect(sheetFor({ [kind]: typed }, 'en').ids).not.toContain(ruleId);
  });
});

describe('an area or concern from the list prints in the sheet language', () => {
  it.each([
    ['area', 'Tear trough', 'es', 'Zona: Debajo de los ojos'],
    ['area', 'Mejillas y ojeras', 'en', 'Area: Cheeks and under the eyes'],
    ['area', 'cheeks, forehead', 'es', 'Zona: Mejillas y frente'],
    ['concern', 'Wrinkles', 'es', 'Objetivo: Líneas finas y arrugas'],
    ['concern', 'Cicatrices de acné', 'en', 'Goal: Acne scars'],
    // Already in the sheet language: as typed. Free text: as typed.
    ['concern', 'Acne scarring', 'en', 'Goal: Acne scarring'],
    ['area', 'Left cheek only, not the nose', 'es', 'Zona: Left cheek only, not the nose'],
  ])('%s "%s" on the %s sheet: %s', (kind, typed, language, line) => {
    expect(sheetFor({ [kind]: typed }, language).text.patient.map(plain).join('\n')).toContain(line);
  });

  it('offers the list as choices for a form, in each language', () => {
    const en = areaAndConcernChoices(resources, 'en');
    const es = areaAndConcernChoices(resources, 'es');
    expect(en.areas.map((c) => c.id)).toEqual(vocabulary.areas.map((t) => t.id));
    expect(en.areas.find((c) => c.id === 'under-eyes')!.label).toBe('Under the eyes');
    expect(es.areas.find((c) => c.id === 'under-eyes')!.label).toBe('Debajo de los ojos');
    expect(es.concerns.find((c) => c.id === 'wrinkles')!.label).toBe('Líneas finas y arrugas');
    // A choice sent back as its id or its label matches the same rules.
    expect(sheetFor({ concern: 'wrinkles' }, 'en').ids).toContain('led-therapy');
    expect(sheetFor({ area: es.areas.find((c) => c.id === 'under-eyes')!.label }, 'en').ids).toContain('expect-bruising-eyes');
  });
});
