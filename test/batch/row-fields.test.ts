import { describe, expect, it } from 'vitest';
import { matchColumns } from '../../src/batch/normalize-headers.js';
import { progressLine } from '../../src/batch/progress.js';
import { clockTime, rowFields } from '../../src/batch/row-fields.js';
import { visitFilter } from '../../src/batch/service-status.js';
import { UniqueNames } from '../../src/batch/unique-names.js';

const row = (headers: string[], cells: string[]) => {
  const columns = matchColumns(headers);
  const values = Object.fromEntries(Object.entries(columns.index).map(([f, i]) => [f, cells[i]]));
  return rowFields({ line: 2, values, columns, problems: [] }, { filter: visitFilter({}), dateOrder: 'MDY' });
};

describe('a row as visit fields', () => {
  it.each([
    ['14:30', '14:30'],
    ['9:05', '09:05'],
    ['14:30:00', '14:30'],
    ['2:30 PM', '14:30'],
    ['12:15 am', '00:15'],
    ['12:00 p.m.', '12:00'],
    ['24:00', null],
    ['13:00 PM', null],
    ['2.30', null],
    ['noon', null],
  ])('reads the time %j as %j', (text, expected) => {
    expect(clockTime(text)).toBe(expected);
  });

  it('joins first and last names, and date and time columns, naming both columns in messages', () => {
    const f = row(['First Name', 'Last Name', 'Treatment', 'Date', 'Time'], ['Zoë', "O'Brien", 'standard', '2026-11-23', '2:30 PM']);
    expect(f.input).toMatchObject({ name: "Zoë O'Brien", date: '2026-11-23T14:30', treatment: 'standard' });
    expect(f.names.name).toBe('First Name + Last Name');
    expect(f.day).toBe('2026-11-23');
    expect(f.errors).toEqual([]);
  });

  it('reads a date of birth from a "Date of Birth" column, as text or as an Excel date cell', () => {
    const text = row(['Name', 'Treatment', 'Date', 'Date of Birth'], ['Ana Ruiz', 'standard', '2026-11-23T10:00', '04/12/1985']);
    expect(text.input.dob).toBe('04/12/1985');
    expect(text.names.dob).toBe('Date of Birth');
    const columns = matchColumns(['Name', 'Treatment', 'Date', 'DOB']);
    const values = { name: 'Ana Ruiz', treatment: 'standard', date: '2026-11-23T10:00', dob: { excel: true, date: '1985-04-12' } };
    expect(rowFields({ line: 2, values, columns, problems: [] }, { filter: visitFilter({}), dateOrder: 'MDY' }).input.dob).toBe('1985-04-12');
  });

  it('folds line breaks typed inside a cell into spaces', () => {
    const f = row(['Name', 'Treatment', 'Date', 'Note'], ['Ana Ruiz', 'standard', '2026-11-23T10:00', 'Next visit in four weeks.\r\nBring your SPF.']);
    expect(f.input.note).toBe('Next visit in four weeks. Bring your SPF.');
  });

  it.each([
    [['', ''], 'Date: cannot be empty'],
    [['2026-11-23', '25:00'], 'Time: "25:00" is not a time of day'],
    [['2026-11-23T09:00', '10:00'], 'Date already has a time'],
  ])('reports a bad date or time %j with the column it came from', ([date, time], message) => {
    const f = row(['Name', 'Treatment', 'Date', 'Time'], ['Ana Ruiz', 'standard', date!, time!]);
    expect(f.errors.map((e) => e.message).join('\n')).toContain(message);
  });
});

describe('file names and progress', () => {
  it('numbers the second and third visit with the same file name, in row order', () => {
    const names = new UniqueNames();
    expect(['a.pdf', 'b.pdf', 'a.pdf', 'a.pdf'].map((n) => names.take(n))).toEqual(['a.pdf', 'b.pdf', 'a_2.pdf', 'a_3.pdf']);
  });

  it('draws a bar, or a count while the total is unknown', () => {
    expect(progressLine(5, undefined)).toBe('5 rows');
    expect(progressLine(50, 100, 10)).toBe('[█████░░░░░]  50%  50/100 rows');
  });
});
