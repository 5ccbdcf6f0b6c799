import { describe, expect, it } from 'vitest';
import { BOLD, compileText, plain } from '../../src/load/handlebars.js';
import { planHandout, validateVisit } from '../../src/handout.js';
import { NOW, resources } from '../helpers/resources.js';

describe('text templates', () => {
  it('never HTML-escapes: O\'Brien stays O\'Brien', () => {
    expect(compileText('For {{name}}')({ name: "Zoë O'Brien & <Co>" })).toBe("For Zoë O'Brien & <Co>");
  });

  it('is strict: a misspelt variable is an error, never a blank', () => {
    expect(() => compileText('Call {{clinic.phnoe}}')({ clinic: { phone: '1' } })).toThrow(/phnoe/);
  });

  it('turns **...** in templates into bold markers, but leaves ** in a value alone', () => {
    const out = compileText('**Until {{until}}:** {{name}}')({ until: 'Tuesday', name: 'A**B' });
    expect(out).toBe(`${BOLD}Until Tuesday:${BOLD} A**B`);
    expect(plain(out)).toBe('Until Tuesday: A**B');
  });

  it('renders every rule with real dates and the clinic phone', () => {
    const visit = validateVisit(resources, { name: 'Dana Reyes', treatment: 'aggressive', date: '2026-11-23T14:30', concern: 'aging' }, { now: NOW });
    const { text } = planHandout(resources, visit, NOW);
    const all = text.sections.flatMap((s) => s.items.map((i) => plain(i.text))).join('\n');
    expect(all).toContain('from 6:30 PM today');
    expect(all).toContain('Call us at (555) 014-2290');
    expect(all).toContain('Cell Protection Balm');
    expect(all).toContain('LED light therapy');
    expect(all).not.toMatch(/\{\{|\}\}|undefined|null/);
    expect(text.sections.map((s) => s.heading)).toEqual(['Today and tonight', 'What is normal', 'The first 3 days', 'Days 3 to 7', 'The weeks ahead', 'Questions?']);
    expect(plain(text.footer)).toMatch(/^Prepared Monday, November 23, 2026, 8:00 AM by Juniper Skin Studio\.\s+·\s+Protocol [0-9a-f]{7}$/);
  });
});
