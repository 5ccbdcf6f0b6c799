import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { resolvePlan } from '../../src/rules/resolve-plan.js';
import { toVisit } from '../../src/rules/to-visit.js';
import { NOW, resources } from '../helpers/resources.js';

const ctx = { defaultZone: 'America/Los_Angeles', defaultLanguage: 'en', languages: ['en'], now: NOW, caches: resources.caches.visit };
const planFor = (fields: Record<string, string>) => resolvePlan(toVisit({ name: 'Test Patient', treatment: 'standard', ...fields }, ctx), resources.rules, resources.caches.plan);
const iso = (dt: DateTime | undefined) => dt?.toISO({ suppressMilliseconds: true });
const timing = (fields: Record<string, string>, id: string) => {
  const i = planFor(fields).instructions.find((x) => x.id === id);
  if (!i) throw new Error(`no instruction ${id}`);
  return { from: iso(i.from?.at), until: iso(i.until?.at) };
};

describe('rule timings', () => {
  // Hours are elapsed time; days, weeks and months are calendar steps at the same clock time.
  it.each([
    // plain day, Los Angeles
    ['2026-11-23T14:30', 'America/Los_Angeles', 'cleanse', 'from', '2026-11-23T18:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'hyaluronic-only', 'until', '2026-11-24T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'no-sunscreen', 'until', '2026-11-24T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'sunscreen', 'from', '2026-11-24T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'no-makeup', 'until', '2026-11-26T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'no-sweat-swim-sauna', 'until', '2026-11-26T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'no-heat', 'until', '2026-11-24T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'regular-skincare', 'from', '2026-11-25T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'no-anti-inflammatories', 'until', '2026-11-30T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'no-powered-brushes', 'until', '2026-11-30T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'flaking', 'from', '2026-11-26T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'flaking', 'until', '2026-11-28T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'enzyme-facial', 'from', '2026-11-28T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'enzyme-facial', 'until', '2026-11-30T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'retinol', 'from', '2026-11-28T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'avoid-sun', 'until', '2026-12-23T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'next-treatment', 'from', '2026-12-21T14:30:00-08:00'],
    ['2026-11-23T14:30', 'America/Los_Angeles', 'next-treatment', 'until', '2027-01-04T14:30:00-08:00'],
    // daylight saving ends in the US on 2026-11-01: 24 hours later the clock shows an hour less
    ['2026-10-31T14:30', 'America/Los_Angeles', 'no-sunscreen', 'until', '2026-11-01T13:30:00-08:00'],
    ['2026-10-31T14:30', 'America/Los_Angeles', 'no-sweat-swim-sauna', 'until', '2026-11-03T13:30:00-08:00'],
    // ...but 7 calendar days later it is the same clock time
    ['2026-10-31T14:30', 'America/Los_Angeles', 'no-anti-inflammatories', 'until', '2026-11-07T14:30:00-08:00'],
    // daylight saving starts in the US on 2026-03-08: 4 hours after 10 PM is 3 AM
    ['2026-03-07T22:00', 'America/New_York', 'cleanse', 'from', '2026-03-08T03:00:00-04:00'],
    ['2026-03-07T22:00', 'America/New_York', 'flaking', 'from', '2026-03-10T22:00:00-04:00'],
    // Europe: summer time ends 2026-10-25
    ['2026-10-24T10:00', 'Europe/Madrid', 'hyaluronic-only', 'until', '2026-10-25T09:00:00+01:00'],
    // month ends: one month after January 31 is the last day of February
    ['2026-01-31T10:00', 'America/Chicago', 'avoid-sun', 'until', '2026-02-28T10:00:00-06:00'],
    ['2028-01-31T10:00', 'America/Chicago', 'avoid-sun', 'until', '2028-02-29T10:00:00-06:00'],
    // year end
    ['2026-12-30T10:00', 'Australia/Sydney', 'no-makeup', 'until', '2027-01-02T10:00:00+11:00'],
    ['2026-12-28T16:00', 'Asia/Tokyo', 'no-anti-inflammatories', 'until', '2027-01-04T16:00:00+09:00'],
    ['2026-12-15T09:00', 'America/Los_Angeles', 'next-treatment', 'until', '2027-01-26T09:00:00-08:00'],
  ])('%s in %s: %s %s = %s', (date, timeZone, id, which, expected) => {
    expect(timing({ date, timeZone }, id)[which as 'from' | 'until']).toBe(expected);
  });
});

describe('which rules apply', () => {
  const ids = (fields: Record<string, string>) => planFor({ date: '2026-11-23T14:30', ...fields }).instructions.map((i) => i.id);

  it('has every protocol instruction, each once', () => {
    const list = ids({});
    for (const id of ['cleanse', 'hyaluronic-only', 'no-sunscreen', 'sunscreen', 'no-makeup', 'no-icing', 'pain-relief', 'no-anti-inflammatories', 'no-powered-brushes', 'no-sweat-swim-sauna', 'no-heat', 'sleep-elevated', 'regular-skincare', 'flaking', 'no-picking', 'moisturize', 'enzyme-facial', 'retinol', 'avoid-sun', 'next-treatment', 'contact', 'expect', 'expect-bruising']) {
      expect(list).toContain(id);
    }
    expect(new Set(list).size).toBe(list.length);
  });

  it('adds the occlusive balm only for aggressive treatments', () => {
    expect(ids({ treatment: 'standard' })).not.toContain('occlusive-balm');
    expect(ids({ treatment: 'aggressive' })).toContain('occlusive-balm');
  });

  it.each([
    ['Acne scarring', true],
    ['aging', true],
    ['Fine lines', true],
    ['Texture', false],
    ['Scarlet marks', false],
  ])('LED therapy for concern %s: %s', (concern, expected) => {
    expect(ids({ concern }).includes('led-therapy')).toBe(expected);
  });

  it('lets the under-eye rule override the general bruising rule', () => {
    const list = ids({ area: 'Cheeks and under-eye' });
    expect(list).toContain('expect-bruising-eyes');
    expect(list).not.toContain('expect-bruising');
    expect(ids({ area: 'Eyebrows' })).toContain('expect-bruising');
  });
});
