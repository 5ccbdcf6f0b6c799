import * as ical from 'node-ical';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { inProcess } from '../helpers/server.js';

const ZOE = { name: "Zoë O'Brien", treatment: 'aggressive', date: '2026-11-23T14:30' };

describe('POST /api/calendars (the checkout page\'s Calendar button)', async () => {
  const s = await inProcess();

  it('answers the visit\'s recovery as an .ics file, read back with node-ical: the wash time 4 hours after the visit, in the clinic\'s zone', async () => {
    const res = await s.json('/api/calendars', ZOE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="2026-11-23_zoe-o-brien_aggressive.ics"');
    const text = await res.text();
    const events = Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(events.length).toBeGreaterThanOrEqual(5);
    const starts = events.map((e) => DateTime.fromJSDate(e.start).setZone('America/Los_Angeles').toFormat("yyyy-MM-dd'T'HH:mm"));
    expect(starts).toContain('2026-11-23T18:30');
    // The patient's name and treatment stay on the sheet, not in a calendar that syncs to other devices.
    expect(text).not.toContain("O'Brien");
    expect(text.toLowerCase()).not.toContain('aggressive');
  });

  it('names a bad field as the sheet does (422)', async () => {
    const res = await s.json('/api/calendars', { ...ZOE, date: '2026-02-30T10:00' });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field)).toEqual(['date']);
  });
});
