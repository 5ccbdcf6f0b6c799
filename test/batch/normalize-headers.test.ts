import { describe, expect, it } from 'vitest';
import { matchColumns, missingFields, normalizeHeader } from '../../src/batch/normalize-headers.js';

describe('header matching', () => {
  it.each([
    ['name', 'name'],
    ['Name', 'name'],
    [' NAME ', 'name'],
    ['First Name', 'first_name'],
    ['first_name', 'first_name'],
    ['FIRST-NAME', 'first_name'],
    ['LastName', 'last_name'],
    ['Time Zone', 'timezone'],
    ['timezone', 'timezone'],
    ['E-mail', 'email'],
    ['Treatment', 'treatment'],
    ['ID', 'id'],
  ])('%j is the %s column', (header, field) => {
    expect(matchColumns([header]).header).toEqual({ [field]: header });
  });

  it('ignores unknown columns and remembers every header as written', () => {
    const c = matchColumns(['Client', 'Name', 'Room', 'Treatment', 'Date']);
    expect(c.index).toEqual({ name: 1, treatment: 3, date: 4 });
    expect(c.found).toEqual(['Client', 'Name', 'Room', 'Treatment', 'Date']);
    expect(missingFields(c)).toEqual([]);
  });

  it("maps a booking system's headers through the clinic config, case- and space-insensitively", () => {
    const mapping = { 'Client First Name': 'first_name', 'client last name': 'last_name', Service: 'treatment', 'Appointment Start': 'date' } as const;
    const c = matchColumns(['CLIENT FIRST NAME', 'Client  Last Name', 'Service', 'appointment start', 'Name'], mapping);
    expect(c.header).toEqual({ first_name: 'CLIENT FIRST NAME', last_name: 'Client  Last Name', treatment: 'Service', date: 'appointment start', name: 'Name' });
    expect(missingFields(c)).toEqual([]);
  });

  it('a mapped field is not also matched by its own name (no collision with an unrelated "Date" column)', () => {
    const c = matchColumns(['Date', 'Appointment Start'], { 'Appointment Start': 'date' });
    expect(c.index).toEqual({ date: 1 });
    expect(c.duplicates).toEqual([]);
  });

  it('names what is missing and what is duplicated', () => {
    expect(missingFields(matchColumns(['Treatment']))).toEqual(['name (or first_name and last_name)', 'date']);
    expect(missingFields(matchColumns(['First Name', 'Treatment', 'Date']))).toEqual(['last_name']);
    expect(matchColumns(['Name', 'name ', 'Treatment']).duplicates).toEqual([{ field: 'name', headers: ['Name', 'name '] }]);
  });

  it('normalizes composed and decomposed accents alike', () => {
    expect(normalizeHeader('Caf\u0065\u0301')).toBe(normalizeHeader('Café'));
  });
});
