import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planHandout, Resources, validateVisit } from '../../src/handout.js';
import { RULES_DIR } from '../../src/paths.js';
import { plain } from '../../src/text/handlebars.js';
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

// Rule texts are remembered per value of the fields each template reads (src/text/render-text.ts):
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
