import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileText, markBold } from '../../src/load/handlebars.js';
import { bundledTexts } from '../../src/load/precompile-texts.js';
import type { PrecompiledText } from '../../src/load/precompiled-templates.js';
import { RULES_DIR, TEMPLATES_DIR } from '../../src/paths.js';
import { ROOT } from '../helpers/cli.js';

// The built library (npm test builds first): the bundled templates are precompiled into it.
const lib = createRequire(__filename)(join(ROOT, 'dist', 'lib.cjs')) as {
  PRECOMPILED: ReadonlyMap<string, PrecompiledText>;
  compileText: typeof compileText;
  markBold: typeof markBold;
};

/** Every field a template of templates/ or rules/ reads, with values a plain-text template must print as they are. */
const DATA = {
  patient: { name: `Zoë <b>O'Brien</b> & "Co"` },
  clinic: { name: 'Juniper & Sons', phone: '(555) 014-2290', address: '1 <Main> St', provider: "Avery O'Quinn", website: 'juniper.example' },
  treatment: 'standard',
  treatmentLabel: 'Microneedling',
  treatedOn: 'Monday, November 23',
  treatedAt: '2:30 PM',
  area: 'Cheeks & chin',
  concern: 'Acne <scars>',
  note: 'Call us',
  from: '6:30 PM today',
  until: 'Tuesday',
  at: { eyeSwelling: 'Friday', sun: 'Monday' },
  time: '2:30\u00a0PM',
  day: 'Monday',
  prepared: 'November 23',
  version: '3',
  phone: '(555) 014-7788',
  first: 'Monday',
  last: 'Friday',
  keyDates: [{ when: 'Monday', what: 'Wash <gently>' }],
  locked: true,
  password: { pattern: 'MMDDYYYY', dayFirst: false },
  update: false,
};

/** What a template gives for DATA: its text, or the error it throws (strict: a field it reads that DATA lacks). */
function outcome(template: (data: object) => string): string {
  try {
    return `text: ${template(DATA)}`;
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('the bundled templates are precompiled into the built command', () => {
  const texts = bundledTexts(RULES_DIR, TEMPLATES_DIR);

  it('holds every text the bundled rules and templates compile, in every language', () => {
    expect(texts.length).toBeGreaterThan(100);
    expect(texts).toContain(markBold('Prepared {{prepared}} by {{clinic.name}}.'));
    expect(texts).toContain('{{day}}'); // the default of a language without dates.onDay
    expect(texts.some((t) => t.startsWith('Updated: '))).toBe(true); // the default updatedSubject
    expect(texts.filter((t) => !lib.PRECOMPILED.has(t))).toEqual([]);
  });

  it('renders each exactly as the template compiled at run time does, nothing escaped, a missing field an error', () => {
    for (const text of texts) expect(outcome(lib.compileText(text)), text).toBe(outcome(compileText(text)));
    expect(outcome(lib.compileText('For **{{patient.name}}**'))).toBe(`text: For \uE000Zoë <b>O'Brien</b> & "Co"\uE000`);
    expect(outcome(lib.compileText('{{fromm}}'))).toMatch(/^error: "fromm" not defined/);
  });

  it('says which fields each reads, as compiling at run time does', () => {
    for (const text of texts) expect(lib.compileText(text).reads, text).toEqual(compileText(text).reads);
  });

  it('still compiles a text it does not hold (a clinic\'s own), and refuses one Handlebars cannot read', () => {
    const own = 'Until **{{until}}**, call {{clinic.phone}}{{#if area}} ({{area}}){{/if}}.';
    expect(lib.PRECOMPILED.has(markBold(own))).toBe(false);
    expect(outcome(lib.compileText(own))).toBe(`text: Until \uE000Tuesday\uE000, call (555) 014-2290 (Cheeks & chin).`);
    expect([...lib.compileText(own).reads!].sort()).toEqual(['area', 'clinic', 'if', 'until']);
    expect(() => lib.compileText('Until {{#if until}}')).toThrow(/Parse error/);
  });
});
