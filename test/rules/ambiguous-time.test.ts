import { describe, expect, it } from 'vitest';
import { planHandout, validateVisit } from '../../src/handout.js';
import { planToJson } from '../../src/text/plan-json.js';
import { NOW, resources } from '../helpers/resources.js';

const visit = (date: string, timeZone: string) => validateVisit(resources, { name: 'Ada Lindqvist', treatment: 'standard', date, timeZone }, { now: NOW });

describe('a local time that happens twice (the hour the clocks go back)', () => {
  // luxon alone takes the second one in New York and London, the first in Chatham and Lord Howe.
  it.each([
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T01:30:00-04:00', 'EDT'],
    ['Europe/London', '2026-10-25T01:30', '2026-10-25T01:30:00+01:00', 'GMT+1'],
    ['Pacific/Chatham', '2026-04-05T03:00', '2026-04-05T03:00:00+13:45', 'GMT+13:45'],
    ['Australia/Lord_Howe', '2026-04-05T01:45', '2026-04-05T01:45:00+11:00', 'GMT+11'],
  ])('%s %s: the earlier instant, in every zone, and the plan and the sheet say so', (zone, date, expected, abbreviation) => {
    const v = visit(date, zone);
    expect(v.treatedAt.toISO({ suppressMilliseconds: true })).toBe(expected);
    expect(v.ambiguousTime).toBe(true);
    const { plan, text } = planHandout(resources, v, NOW);
    const json = planToJson(plan, text);
    expect(json.treatedAt).toBe(expected);
    expect(json.ambiguousTime).toMatch(/happens twice/);
    expect(text.patient.join(' ')).toContain(`(${abbreviation})`);
  });

  it('an ordinary time is not marked', () => {
    const v = visit('2026-11-01T03:30', 'America/New_York');
    expect(v.ambiguousTime).toBeUndefined();
    const { plan, text } = planHandout(resources, v, NOW);
    expect(planToJson(plan, text).ambiguousTime).toBeUndefined();
    expect(text.patient.join(' ')).not.toMatch(/\(E[DS]T\)/);
  });
});
