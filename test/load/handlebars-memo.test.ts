import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { RULES_DIR } from '../../src/paths.js';
import { compileText, plain, remembered } from '../../src/load/handlebars.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { NOW } from '../helpers/resources.js';

/** The clinic's rules, with one rule's text changed to read the patient's name, area and note as well as its date. */
function resourcesWithPersonalRule(): Resources {
  const rulesDir = join(tempDir('handout-memo-'), 'rules');
  cpSync(RULES_DIR, rulesDir, { recursive: true });
  const file = join(rulesDir, 'protocol.json');
  const protocol = JSON.parse(readFileSync(file, 'utf8'));
  const rule = protocol.rules.find((r: { id: string }) => r.id === 'hyaluronic-only');
  rule.text.en = 'For {{patient.name}}{{#if area}} ({{area}}){{/if}}{{#if note}}, see the note{{/if}}: until {{until}}, hyaluronic acid only.';
  writeFileSync(file, JSON.stringify(protocol));
  return new Resources({ config: EXAMPLE_CONFIG, rulesDir });
}

// Rule texts are remembered per value of the fields each template reads (`remembered`, src/text/handlebars.ts):
// a batch of one day's visits finds most texts made already. A remembered text must never reach a
// sheet whose values differ.
describe('rule texts remembered between sheets of one process', () => {
  const resources = resourcesWithPersonalRule();
  const textOf = (fields: Record<string, string>) => {
    const visit = validateVisit(resources, { treatment: 'standard', date: '2026-11-23T14:30', ...fields } as never, { now: NOW });
    const item = planHandout(resources, visit, NOW).text.sections.flatMap((s) => s.items).find((i) => i.id === 'hyaluronic-only');
    return plain(item!.text);
  };

  it('change with every field the template reads, and with the time slot', () => {
    expect(textOf({ name: 'Maya Reyes' })).toBe('For Maya Reyes: until 2:30 PM on Tuesday, November 24, hyaluronic acid only.');
    expect(textOf({ name: 'Wren Lindqvist' })).toBe('For Wren Lindqvist: until 2:30 PM on Tuesday, November 24, hyaluronic acid only.');
    expect(textOf({ name: 'Maya Reyes', area: 'Neck' })).toBe('For Maya Reyes (Neck): until 2:30 PM on Tuesday, November 24, hyaluronic acid only.');
    expect(textOf({ name: 'Maya Reyes', area: 'null' })).toBe('For Maya Reyes (null): until 2:30 PM on Tuesday, November 24, hyaluronic acid only.');
    expect(textOf({ name: 'Maya Reyes', note: 'Call us.' })).toBe('For Maya Reyes, see the note: until 2:30 PM on Tuesday, November 24, hyaluronic acid only.');
    expect(textOf({ name: 'Maya Reyes', date: '2026-11-23T09:00' })).toBe('For Maya Reyes: until 9:00 AM on Tuesday, November 24, hyaluronic acid only.');
    // And the first again, as it was.
    expect(textOf({ name: 'Maya Reyes' })).toBe('For Maya Reyes: until 2:30 PM on Tuesday, November 24, hyaluronic acid only.');
  });
});

describe('which fields a template reads (what its remembered output is keyed by)', () => {
  it('names the first part of every path; anything that reaches the whole data reads everything', () => {
    expect([...compileText('Until {{until}}, call {{clinic.phone}}{{#if area}} ({{area}}){{/if}}.').reads!].sort()).toEqual(['area', 'clinic', 'if', 'until']);
    expect(compileText('{{#each at}}{{@key}}: {{this}} {{/each}}').reads).toBeNull();
    expect(compileText('{{#each at}}{{@root.patient.name}}{{/each}}').reads).toBeNull();
    expect(compileText('{{#with patient}}{{../note}}{{/with}}').reads).toBeNull();
    expect(compileText('{{lookup @root "note"}}').reads).toBeNull();
  });

  it('gives every patient their own text, however the template reaches their name', () => {
    for (const source of ['For {{patient.name}}: {{until}}', 'For {{#each at}}{{@root.patient.name}}{{/each}}: {{until}}', 'For {{#with patient}}{{name}}{{/with}}: {{until}}']) {
      const template = remembered(compileText(source));
      const text = (name: string) => template({ patient: { name }, until: 'Monday', at: { one: 'x' } });
      expect(text('Maya Reyes')).toBe('For Maya Reyes: Monday');
      expect(text('Wren Lindqvist')).toBe('For Wren Lindqvist: Monday');
      expect(text('Maya Reyes')).toBe('For Maya Reyes: Monday');
    }
  });

  it('in a rule text, @root reaches the patient too', () => {
    const rulesDir = join(tempDir('handout-memo-root-'), 'rules');
    cpSync(RULES_DIR, rulesDir, { recursive: true });
    const file = join(rulesDir, 'protocol.json');
    const protocol = JSON.parse(readFileSync(file, 'utf8'));
    protocol.rules.find((r: { id: string }) => r.id === 'hyaluronic-only').text.en = '{{#if until}}{{@root.patient.name}}, until {{until}}: hyaluronic acid only.{{/if}}';
    writeFileSync(file, JSON.stringify(protocol));
    const res = new Resources({ config: EXAMPLE_CONFIG, rulesDir });
    const textOf = (name: string) => {
      const visit = validateVisit(res, { name, treatment: 'standard', date: '2026-11-23T14:30' }, { now: NOW });
      return plain(planHandout(res, visit, NOW).text.sections.flatMap((s) => s.items).find((i) => i.id === 'hyaluronic-only')!.text);
    };
    expect(textOf('Maya Reyes')).toBe('Maya Reyes, until 2:30 PM on Tuesday, November 24: hyaluronic acid only.');
    expect(textOf('Wren Lindqvist')).toBe('Wren Lindqvist, until 2:30 PM on Tuesday, November 24: hyaluronic acid only.');
  });
});
