import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { readWhen } from '../../src/batch/read-date.js';
import { validateVisit } from '../../src/handout.js';
import { NOW, resources } from '../helpers/resources.js';

const ctx = (order: 'MDY' | 'DMY' = 'MDY') => ({ order, dateHeader: 'Date', timeHeader: 'Time' });
const iso = (date: unknown, time?: unknown, order: 'MDY' | 'DMY' = 'MDY') => {
  const w = readWhen(date, time, ctx(order));
  return w instanceof HandoutError ? `error: ${w.message}` : w.iso;
};
/** The local time a visit gets in Los Angeles (the example clinic's zone), as validation places it. */
const local = (text: string) => validateVisit(resources, { name: 'Ana Ruiz', treatment: 'standard', date: text }, { now: NOW }).treatedAt.toISO({ suppressMilliseconds: true });

describe('dates as booking systems write them', () => {
  it.each([
    ['2026-11-24T14:30', undefined, '2026-11-24T14:30'],
    ['2026-11-24 14:30', undefined, '2026-11-24T14:30'],
    ['2026-11-24 14:30:15', undefined, '2026-11-24T14:30:15'],
    ['2026-11-24T22:30:00Z', undefined, '2026-11-24T22:30Z'],
    ['2026-11-24T22:30:00.000Z', undefined, '2026-11-24T22:30Z'],
    ['2026-11-24T14:30:00-0800', undefined, '2026-11-24T14:30-08:00'],
    ['11/24/2026 2:30 PM', undefined, '2026-11-24T14:30'],
    ['11/24/2026 14:30', undefined, '2026-11-24T14:30'],
    ['11/24/2026, 2:30 p.m.', undefined, '2026-11-24T14:30'],
    ['November 24, 2026 2:30 pm', undefined, '2026-11-24T14:30'],
    ['Nov 24, 2026 2:30 PM', undefined, '2026-11-24T14:30'],
    ['Tuesday, November 24, 2026 at 2:30 PM', undefined, '2026-11-24T14:30'],
    ['Sept 3, 2026 9:05 am', undefined, '2026-09-03T09:05'],
    ['November 24, 2026 2:30\u202fpm', undefined, '2026-11-24T14:30'], // the narrow no-break space some systems put before pm
    ['11/23/2026', '2:30 PM', '2026-11-23T14:30'],
    ['2026-11-23', '14:30', '2026-11-23T14:30'],
    ['11/23/2026 12:00:00 AM', '2:30 PM', '2026-11-23T14:30'], // a date cell shown with midnight, and a time column
    [{ excel: true, date: '2026-11-24', time: '14:30:00' }, undefined, '2026-11-24T14:30'],
    [{ excel: true, date: '2026-11-24' }, { excel: true, time: '09:05:00' }, '2026-11-24T09:05'],
    ['12/31/2026 11:30 PM', undefined, '2026-12-31T23:30'],
    ['01/01/2027 12:15 AM', undefined, '2027-01-01T00:15'],
  ])('%j (time %j) -> %s', (date, time, expected) => {
    expect(iso(date, time)).toBe(expected);
  });

  it('reads numeric dates day first with "dateOrder": "DMY"', () => {
    expect(iso('24/11/2026 14:30', undefined, 'DMY')).toBe('2026-11-24T14:30');
    expect(iso('03/04/2026 9:00', undefined, 'DMY')).toBe('2026-04-03T09:00');
    expect(iso('03/04/2026 9:00', undefined, 'MDY')).toBe('2026-03-04T09:00');
    expect(iso('24.11.2026 14:30', undefined, 'DMY')).toBe('2026-11-24T14:30');
  });

  it('refuses a date impossible in the configured order, naming the order and the setting', () => {
    const e = readWhen('24/11/2026 2:30 PM', undefined, ctx('MDY')) as HandoutError;
    expect(e.message).toBe('Date: "24/11/2026 2:30 PM" is not a date in month/day/year order ("dateOrder": "MDY"): there is no month 24');
    expect(e.hint).toBe('If the file writes the day first, set "dateOrder": "DMY" in the clinic config.');
    expect((readWhen('11/24/2026', '9:00', ctx('DMY')) as HandoutError).message).toContain('day/month/year order ("dateOrder": "DMY"): there is no month 24');
    expect((readWhen('02/30/2026 9:00', undefined, ctx('MDY')) as HandoutError).message).toContain('not a real date (read as month/day/year, "dateOrder": "MDY"): February 2026 has 28 days');
  });

  it('refuses the years 0001 and 9999 with a clear message, from an export and from --date', () => {
    expect(iso('11/23/0001 2:30 PM')).toBe('error: Date: "11/23/0001 2:30 PM" has the year 1, which cannot be a treatment date');
    expect(iso('9999-11-23T14:30')).toBe('error: Date: "9999-11-23T14:30" has the year 9999, which cannot be a treatment date');
    expect(() => local('0001-11-23T14:30')).toThrow('date: "0001-11-23T14:30" has the year 1, which cannot be a treatment date');
    expect(() => local('9999-12-31T14:30')).toThrow('has the year 9999');
  });

  it('says which column is wrong: a time in both, no time at all, a time that is not one, text that is no date', () => {
    expect(iso('11/23/2026 9:00 AM', '2:30 PM')).toBe('error: Time: "2:30 PM" was given, but Date already has a time (got "11/23/2026 9:00 AM")');
    expect(iso('11/23/2026')).toBe('error: Date: "11/23/2026" has no time of day');
    expect(iso('11/23/2026', '25:00')).toBe('error: Time: "25:00" is not a time of day');
    expect(iso('11/23/2026 13:00 PM')).toContain('has a time that is not a time of day');
    expect(iso('Smarch 3, 2026 9:00 am')).toBe('error: Date: "Smarch 3, 2026 9:00 am" is not a date: "Smarch" is not a month');
    expect(iso('next tuesday')).toBe('error: Date: "next tuesday" is not a date and time');
    expect(iso('')).toBe('error: Date: cannot be empty (nothing was given)');
  });

  it('places an instant in the row\'s zone (else the clinic\'s) and a local time on the clinic clock, across DST and year ends', () => {
    expect(local('2026-11-24T22:30Z')).toBe('2026-11-24T14:30:00-08:00');
    expect(local('2026-10-30T21:30Z')).toBe('2026-10-30T14:30:00-07:00');
    expect(local('2027-01-01T07:30Z')).toBe('2026-12-31T23:30:00-08:00'); // the instant is in 2027, the visit on New Year's Eve
    expect(local('2026-03-08T10:00')).toBe('2026-03-08T10:00:00-07:00');
    expect(() => local('2026-03-08T02:30')).toThrow('does not exist in America/Los_Angeles');
  });
});
