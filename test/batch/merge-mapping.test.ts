import { describe, expect, it } from 'vitest';
import { applyEdits, mappingEdits, writtenMapping } from '../../src/batch/merge-mapping.js';
import { matchColumns } from '../../src/batch/normalize-headers.js';
import { serviceTreatment, statusDecision, visitFilter, type ReadingSettings } from '../../src/batch/service-status.js';
import { HandoutErrors } from '../../src/errors.js';
import type { MappingChoice } from '../../src/schema/mapping-choice.js';

const none: ReadingSettings = { dateOrder: 'MDY' };

/** The settings after the choice, and how the batch then reads each header. */
function after(reading: ReadingSettings, choice: MappingChoice) {
  const next = applyEdits(reading, mappingEdits(reading, choice));
  const columns = matchColumns(Object.keys(choice.columns ?? {}), next.columns ?? {});
  const byHeader = Object.fromEntries(Object.entries(columns.index).map(([f, i]) => [columns.found[i]!, f]));
  return { next, byHeader };
}

const problems = (reading: ReadingSettings, choice: MappingChoice) => {
  try {
    mappingEdits(reading, choice);
    return [];
  } catch (e) {
    return (e as HandoutErrors).errors.map((x) => [x.path, x.message]);
  }
};

describe('the mapping the front desk chose, as the smallest change to the clinic settings', () => {
  it('maps only the headers that need it: a column named as its field needs no entry', () => {
    const choice = { columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name', Service: 'service', 'Service Provider': null, Status: 'status', Email: 'email', Phone: null } } as const;
    const edits = mappingEdits(none, choice);
    expect(edits.columns).toEqual({ set: [['Appointment Date', 'date'], ['Start Time', 'time'], ['Customer', 'name']], remove: [] });
    const { byHeader } = after(none, choice);
    expect(byHeader).toEqual({ 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name', Service: 'service', Status: 'status', Email: 'email' });
  });

  it('keeps entries for other booking systems, replaces one spelt differently, and drops one set to "not used"', () => {
    const reading: ReadingSettings = { dateOrder: 'MDY', columns: { 'Start time': 'date', Type: 'service', customer: 'name', Phone: 'note' } };
    const { next, byHeader } = after(reading, { columns: { 'Appointment Date': 'date', Customer: 'name', Service: 'service', Phone: null } });
    // "Type" (Acuity) gives the service, so "Service" is no longer read by its name: it gets its own entry.
    expect(next.columns).toEqual({ 'Start time': 'date', Type: 'service', customer: 'name', 'Appointment Date': 'date', Service: 'service' });
    expect(byHeader).toEqual({ 'Appointment Date': 'date', Customer: 'name', Service: 'service' });
  });

  it('gives a column its own entry when another header of the settings takes its field from its name ("Email" once "Client Email" is email)', () => {
    const reading: ReadingSettings = { dateOrder: 'MDY', columns: { 'Client Email': 'email' } };
    const { next, byHeader } = after(reading, { columns: { Name: 'name', Email: 'email' } });
    expect(next.columns).toEqual({ 'Client Email': 'email', Email: 'email' });
    expect(byHeader).toEqual({ Name: 'name', Email: 'email' });
  });

  it('refuses, naming the header: one field from two columns, the whole name with its parts, a column read by its own name left unused', () => {
    expect(problems(none, { columns: { Customer: 'name', Client: 'name' } })).toEqual([['columns.Client', 'columns.Client: name is also chosen for "Customer": each field comes from one column']]);
    expect(problems(none, { columns: { Customer: 'name', 'First name': 'first_name' } })).toEqual([['columns.Customer', 'columns.Customer: name (the whole name) is chosen, and so is "First name" for a part of it']]);
    expect(problems(none, { columns: { Email: null, Customer: 'name' } })).toEqual([['columns.Email', 'columns.Email: the column is read as email by its own name, so it cannot be left unused']]);
    // Another column for the field: then it can.
    expect(after(none, { columns: { Email: null, 'Client Email': 'email' } }).byHeader).toEqual({ 'Client Email': 'email' });
  });

  it('puts a service\'s own entry first, longest first, so each service becomes exactly what was chosen; "skip" is remembered', () => {
    const reading: ReadingSettings = { dateOrder: 'MDY', services: { Deep: 'aggressive', Microneedling: 'standard' } };
    const choice = { services: { 'Microneedling - Face': 'standard', 'Microneedling + PRP (Deep)': 'standard', 'Microneedling - Neck': 'aggressive', 'Botox - Forehead': 'skip' } } as const;
    const { next } = after(reading, choice);
    expect(Object.entries(next.services!)).toEqual([
      ['Microneedling + PRP (Deep)', 'standard'],
      ['Microneedling - Neck', 'aggressive'],
      ['Botox - Forehead', 'skip'],
      ['Deep', 'aggressive'],
      ['Microneedling', 'standard'],
    ]);
    const filter = visitFilter(next);
    expect(Object.keys(choice.services).map((s) => serviceTreatment(filter, s) ?? 'skip')).toEqual(['standard', 'standard', 'aggressive', 'skip']);
    // A service no entry names is still passed over, as before.
    expect(serviceTreatment(filter, 'Lip Filler')).toBeUndefined();
  });

  it('a new entry that would catch a service the settings already gave rightly gives that one its own entry too', () => {
    // "Microneedling" (new, standard) is part of "Microneedling Deep", which "Deep" made aggressive.
    const reading: ReadingSettings = { dateOrder: 'MDY', services: { Deep: 'aggressive' } };
    const { next } = after(reading, { services: { Microneedling: 'standard', 'Microneedling Deep': 'aggressive' } });
    expect(Object.entries(next.services!)).toEqual([
      ['Microneedling Deep', 'aggressive'],
      ['Microneedling', 'standard'],
      ['Deep', 'aggressive'],
    ]);
  });

  it('writes nothing the settings already say, and names the same service chosen two ways', () => {
    const reading: ReadingSettings = { dateOrder: 'MDY', services: { Microneedling: 'standard' }, columns: { Customer: 'name' } };
    const edits = mappingEdits(reading, { columns: { Customer: 'name', Date: 'date' }, services: { 'Microneedling - Face': 'standard' }, statuses: { Confirmed: 'made', Cancel: 'skip' }, dateOrder: 'MDY' });
    expect(writtenMapping(reading, edits)).toEqual({});
    expect(problems(reading, { services: { 'Botox - Lips': 'skip', 'botox lips': 'standard' } })).toEqual([
      ['services.botox lips', 'services.botox lips: is the same service as "Botox - Lips" (case, spaces and hyphens are ignored), which is chosen as skip'],
    ]);
  });

  it('statuses: a status nobody named, or one chosen against the settings, gets an entry that wins over skipStatuses', () => {
    const reading: ReadingSettings = { dateOrder: 'MDY' };
    const choice = { statuses: { Confirmed: 'made', Pending: 'skip', Rescheduled: 'made', 'No Show': 'made', Cancel: 'skip' } } as const;
    const { next } = after(reading, choice);
    expect(next.statuses).toEqual({ Pending: 'skip', Rescheduled: 'made', 'No Show': 'made' });
    const filter = visitFilter(next);
    expect(Object.keys(choice.statuses).map((s) => statusDecision(filter, s))).toEqual([
      { becomes: 'made', by: 'usual' },
      { becomes: 'skipped', by: 'statuses' },
      { becomes: 'made', by: 'statuses' },
      { becomes: 'made', by: 'statuses' },
      { becomes: 'skipped', by: 'skipStatuses' },
    ]);
    // The whole status, not a part: "Show" says nothing about "No Show".
    expect(statusDecision(visitFilter({ statuses: { Show: 'made' } }), 'No Show')).toEqual({ becomes: 'skipped', by: 'skipStatuses' });
    expect(statusDecision(visitFilter({}), 'Waitlist')).toEqual({ becomes: 'made' });
  });

  it('the date order only when it changes', () => {
    expect(mappingEdits(none, { dateOrder: 'MDY' }).dateOrder).toBeUndefined();
    expect(writtenMapping(none, mappingEdits(none, { dateOrder: 'DMY' }))).toEqual({ dateOrder: 'DMY' });
  });
});
