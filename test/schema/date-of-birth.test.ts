import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { dobPassword, parseDob } from '../../src/schema/date-of-birth.js';
import { NOW, resources } from '../helpers/resources.js';

const TODAY = DateTime.fromISO('2026-11-23', { zone: 'America/Los_Angeles' });

describe('a date of birth in common styles', () => {
  it.each([
    ['1985-04-12', 'MDY', '1985-04-12'],
    ['1985/4/12', 'MDY', '1985-04-12'],
    ['1985-04-12T00:00:00.000Z', 'MDY', '1985-04-12'],
    ['04/12/1985', 'MDY', '1985-04-12'],
    ['4-12-1985', 'MDY', '1985-04-12'],
    ['12/04/1985', 'DMY', '1985-04-12'],
    ['12.04.1985', 'DMY', '1985-04-12'],
    ['April 12, 1985', 'MDY', '1985-04-12'],
    ['apr 12 1985', 'DMY', '1985-04-12'],
    ['12 April 1985', 'MDY', '1985-04-12'],
    ['12 de abril de 1985', 'DMY', '1985-04-12'],
    ['  29/02/2000 ', 'DMY', '2000-02-29'],
    ['2026-11-23', 'MDY', '2026-11-23'],
  ] as const)('%j (%s) is %s', (text, order, iso) => expect(parseDob(text, order, TODAY)).toEqual({ ok: true, iso }));

  it.each([
    ['02/30/1990', 'MDY', 'is not a real day (February 1990 has no day 30)'],
    ['30/02/1990', 'DMY', 'is not a real day (February 1990 has no day 30)'],
    ['02/29/2001', 'MDY', 'is not a real day (February 2001 has no day 29)'],
    ['13/04/1985', 'MDY', "has no month 13 (is it day first? the clinic's dateOrder is MDY)"],
    ['04/13/1985', 'DMY', 'has no month 13'],
    ['2026-11-24', 'MDY', 'is in the future'],
    ['01/01/2090', 'MDY', 'is in the future'],
    ['04/12/85', 'MDY', 'has no four-digit year'],
    ['1899-12-31', 'MDY', 'is before 1900'],
    ['Smarch 3, 1985', 'MDY', 'does not name a month'],
    ['yesterday', 'MDY', 'is not a date'],
    ['1985-04-12 ; DROP', 'MDY', 'is not a date'],
  ] as const)('%j (%s) %s', (text, order, why) => expect(parseDob(text, order, TODAY)).toEqual({ ok: false, why }));

  it('gives the password as eight digits in the clinic\'s order', () => {
    expect(dobPassword('1985-04-09', 'MDY')).toBe('04091985');
    expect(dobPassword('1985-04-09', 'DMY')).toBe('09041985');
  });

  it('is validated with the visit\'s other fields: the error names the field, the value and what is accepted', () => {
    const bad = () => validateVisit(resources, { name: 'Ada', treatment: 'standard', date: '2026-11-23T09:30', dob: '02/30/1990' }, { now: NOW, fieldName: (f) => (f === 'dob' ? 'Date of Birth' : f) });
    expect(bad).toThrow(expect.objectContaining({ code: 'E_INPUT', path: 'Date of Birth', message: 'Date of Birth: "02/30/1990" is not a real day (February 1990 has no day 30)', hint: expect.stringContaining('04/12/1985 (month first') }));
    const future = () => validateVisit(resources, { name: 'Ada', treatment: 'standard', date: '2026-11-23T09:30', dob: '2030-01-01' }, { now: NOW });
    expect(future).toThrow(expect.objectContaining({ message: 'dob: "2030-01-01" is in the future' }));
    const visit = validateVisit(resources, { name: 'Ada', treatment: 'standard', date: '2026-11-23T09:30', dob: 'April 12, 1985' }, { now: NOW });
    expect(visit.dob).toBe('1985-04-12');
  });

  it('reads a numeric date in the clinic\'s dateOrder', () => {
    const dmy = new Resources({ config: resources.paths.config });
    (dmy.clinic.clinic as { dateOrder: string }).dateOrder = 'DMY';
    expect(validateVisit(dmy, { name: 'Ada', treatment: 'standard', date: '2026-11-23T09:30', dob: '12/04/1985' }, { now: NOW }).dob).toBe('1985-04-12');
  });
});
