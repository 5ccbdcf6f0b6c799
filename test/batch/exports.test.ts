import { describe, expect, it } from 'vitest';
import { BALM, batchOf, byLine, sheetOf } from '../helpers/exports.js';

// Exports laid out as four booking systems lay them out (their headers, date styles and quirks; made-up
// patients), each read by the real batch, each sheet read back: the patient, the local time, the balm.
const SERVICES = { Deep: 'aggressive', PRP: 'aggressive', Microneedling: 'standard' };

describe('exports as booking systems write them', () => {
  it('Acuity (CSV): "November 24, 2026 2:30 pm", the service in "Type", Botox passed over, year end and the spring-forward day', async () => {
    const r = await batchOf('acuity.csv', {
      columns: { 'Start time': 'date', Type: 'service', 'Appointment ID': 'id', Notes: 'note' },
      services: SERVICES,
    });
    expect(r).toMatchObject({ made: 3, skipped: 1, rejected: 0 });
    const marisol = await sheetOf(byLine(r, 2));
    expect(marisol.pages).toBe(1);
    expect(marisol.flat).toContain('For Marisol Quintero-Hale');
    expect(marisol.flat).toContain('Microneedling on Tuesday, November 24, 2026 at 2:30 PM');
    expect(marisol.flat).toContain('First visit, fair skin.');
    expect(marisol.flat).not.toContain(BALM);
    const tobias = await sheetOf(byLine(r, 3));
    expect(tobias.flat).toContain('For Tobias de Vries');
    expect(tobias.flat).toContain('Deep microneedling on Thursday, December 31, 2026 at 4:00 PM');
    expect(tobias.flat).toContain('Until 4:00 PM on Friday, January 1'); // into the new year
    expect(tobias.flat).toContain(BALM);
    expect(byLine(r, 4)).toEqual({ line: 4, id: '1184003', status: 'skipped', reason: 'Type "Botox - Forehead" matches no entry of "services" in the clinic config' });
    const ines = await sheetOf(byLine(r, 5));
    expect(ines.flat).toContain('Microneedling on Sunday, March 8, 2026 at 10:00 AM'); // the day clocks spring forward
    expect(byLine(r, 5)!.treatedAt).toBe('2026-03-08T10:00:00-07:00');
  });

  it('Vagaro (CSV with BOM and CRLF): date and "2:30 PM" in two columns, "Last, First" printed as written, Cancel and No Show skipped', async () => {
    const r = await batchOf('vagaro.csv', {
      columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name' },
      services: SERVICES,
    });
    expect(r).toMatchObject({ made: 3, skipped: 2, rejected: 0 });
    const adaeze = await sheetOf(byLine(r, 2));
    expect(adaeze.flat).toContain('For Okafor, Adaeze');
    expect(adaeze.flat).toContain('Microneedling on Tuesday, November 24, 2026 at 2:30 PM');
    expect(adaeze.flat).not.toContain(BALM);
    const tobias = await sheetOf(byLine(r, 3));
    expect(tobias.flat).toContain('For Brandt, Tobias');
    expect(tobias.flat).toContain('at 4:15 PM');
    expect(tobias.flat).toContain(BALM); // "Microneedling + PRP (Deep)": "Deep" comes first in the map
    expect(byLine(r, 4)).toMatchObject({ status: 'skipped', reason: 'Status is "Cancel"' });
    expect(byLine(r, 5)).toMatchObject({ status: 'skipped', reason: 'Status is "No Show"' });
    const joss = await sheetOf(byLine(r, 6));
    expect(joss.flat).toContain('For Fairweather, Joss');
    expect(joss.flat).toContain('Microneedling on Friday, January 1, 2027 at 10:30 AM');
  });

  it('Boulevard (GraphQL JSON): the list under data.appointments.edges, dotted paths, UTC instants shown in each location\'s zone across the DST change', async () => {
    const r = await batchOf('boulevard.json', {
      columns: {
        'node.id': 'id',
        'node.startAt': 'date',
        'node.state': 'status',
        'node.client.firstName': 'first_name',
        'node.client.lastName': 'last_name',
        'node.client.email': 'email',
        'node.appointmentServices.0.service.name': 'service',
        'node.location.tz': 'timezone',
      },
      services: SERVICES,
    });
    expect(r).toMatchObject({ made: 3, skipped: 2, rejected: 0 });
    const noor = await sheetOf(byLine(r, 1));
    expect(noor.flat).toContain('For Noor Haddad-Lindqvist');
    expect(noor.flat).toContain('Deep microneedling on Tuesday, November 24, 2026 at 2:30 PM'); // 22:30Z in Los Angeles (PST)
    expect(noor.flat).toContain(BALM);
    const priya = await sheetOf(byLine(r, 2));
    expect(priya.flat).toContain('Microneedling on Friday, October 30, 2026 at 2:30 PM'); // -07:00: still daylight time
    expect(priya.flat).not.toContain(BALM);
    const kwame = await sheetOf(byLine(r, 3));
    expect(kwame.flat).toContain('Microneedling on Tuesday, November 24, 2026 at 2:30 PM'); // 19:30Z in the row's zone, New York
    expect(byLine(r, 3)!.treatedAt).toBe('2026-11-24T14:30:00-05:00');
    expect(byLine(r, 4)).toMatchObject({ id: 'urn:blvd:Appointment:7f3a0004', status: 'skipped', reason: 'node.state is "CANCELLED"' });
    expect(byLine(r, 5)).toMatchObject({ status: 'skipped', reason: expect.stringContaining('"Botox - Forehead"') });
  });

  it('Mindbody (an .xlsx written by openpyxl): title rows above the header, Excel date and time cells, rows numbered as the sheet shows them', async () => {
    const r = await batchOf('mindbody.xlsx', {
      columns: { 'Start Time': 'time', Client: 'name', 'Appointment Type': 'service', 'Client ID': 'id', Notes: 'note' },
      services: SERVICES,
    });
    expect(r).toMatchObject({ made: 4, skipped: 3, rejected: 0 });
    const chidi = await sheetOf(byLine(r, 6));
    expect(chidi.flat).toContain('For Okonkwo, Chidi');
    expect(chidi.flat).toContain('Microneedling on Tuesday, November 24, 2026 at 2:30 PM');
    expect(chidi.flat).toContain('Mild redness at checkout.');
    expect(chidi.flat).not.toContain(BALM);
    const dasha = await sheetOf(byLine(r, 7));
    expect(dasha.flat).toContain('Deep microneedling on Tuesday, November 24, 2026 at 4:45 PM');
    expect(dasha.flat).toContain(BALM);
    expect(byLine(r, 8)).toMatchObject({ id: '100233', status: 'skipped', reason: 'Status is "Late Cancel"' });
    expect(byLine(r, 9)).toMatchObject({ status: 'skipped', reason: 'Status is "No-Show"' });
    expect(byLine(r, 10)).toMatchObject({ status: 'skipped', reason: 'Appointment Type "Lip Filler" matches no entry of "services" in the clinic config' });
    const lucia = await sheetOf(byLine(r, 11)); // one date-and-time cell, no time cell
    expect(lucia.flat).toContain('For García, Lucía');
    expect(lucia.flat).toContain('Microneedling on Thursday, December 31, 2026 at 5:15 PM');
    const amara = await sheetOf(byLine(r, 12)); // the day clocks fall back
    expect(amara.flat).toContain('Microneedling on Sunday, November 1, 2026 at 1:00 PM');
    expect(byLine(r, 12)!.treatedAt).toBe('2026-11-01T13:00:00-08:00');
  });

  it('reads the sheet named by --sheet', async () => {
    const r = await batchOf('mindbody.xlsx', { columns: { 'Start Time': 'time', Client: 'name', 'Appointment Type': 'service' }, services: SERVICES }, { sheet: 'cancellations' });
    expect(r).toMatchObject({ made: 1, skipped: 0 });
    expect(byLine(r, 2)).toMatchObject({ name: 'Walsh, Bríd', treatedAt: '2026-11-25T09:30:00-08:00' });
    await expect(batchOf('mindbody.xlsx', { services: SERVICES }, { sheet: 'Nope' })).rejects.toThrow(/has no sheet named "Nope"[\s\S]*/);
  });

  it("a booking API's JSON: {\"appointments\": [...]} found without being told, snake_case paths, each row's zone", async () => {
    const r = await batchOf('booking-api.json', {
      columns: {
        start_at: 'date',
        'client.first_name': 'first_name',
        'client.last_name': 'last_name',
        'appointment_location.timezone': 'timezone',
        'appointment_services.0.service.name': 'service',
      },
      services: SERVICES,
    });
    expect(r).toMatchObject({ made: 2, skipped: 1, rejected: 0 });
    const ana = await sheetOf(byLine(r, 1));
    expect(ana.flat).toContain('For Ana Lucía Benítez');
    expect(ana.flat).toContain('Deep microneedling on Tuesday, November 24, 2026 at 2:30 PM');
    expect(ana.flat).toContain(BALM);
    const oskar = await sheetOf(byLine(r, 2));
    expect(oskar.flat).toContain('Microneedling on Thursday, December 31, 2026 at 11:30 PM');
    expect(oskar.flat).toContain('Wash your face from 3:30 AM on Friday, January 1');
    expect(oskar.flat).not.toContain(BALM);
    expect(byLine(r, 3)).toMatchObject({ id: '90003', status: 'skipped', reason: 'status is "late cancel"' });
  });
});
