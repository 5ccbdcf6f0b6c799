import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import * as ical from 'node-ical';
import { describe, expect, it } from 'vitest';
import { visitCalendar } from '../../src/calendar/visit-calendar.js';
import { validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { loadRules } from '../../src/load/load-rules.js';
import { ROOT } from '../../src/paths.js';
import { resolvePlan, type DatedInstruction } from '../../src/rules/resolve-plan.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { NOW, resources } from '../helpers/resources.js';

type Raw = Record<string, string>;

/** Read the .ics back with node-ical (not the library that wrote it): its events, in file order. */
function parse(ics: string): ical.VEvent[] {
  return Object.values(ical.sync.parseICS(ics)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
}

/** The plan's time that a rule's `calendar` entry names. */
function planTime(i: DatedInstruction, name: string) {
  const t = name === 'from' ? i.from : name === 'until' ? i.until : i.at[name.slice(3)];
  return t!.at;
}

async function calendarOf(raw: Raw, res: Resources = resources) {
  const visit = validateVisit(res, raw, { now: NOW });
  const plan = resolvePlan(visit, res.rules, res.caches.plan);
  const cal = await visitCalendar(res, visit, NOW);
  return { visit, plan, cal, events: parse(cal.ics) };
}

/** A clinic config like the example's, with changes; returns Resources for it. */
function clinicWith(change: Record<string, unknown>): Resources {
  const dir = tempDir('handout-cal-');
  const clinic = { ...(JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')) as Record<string, unknown>), logo: undefined, ...change };
  writeFileSync(join(dir, 'clinic.json'), JSON.stringify(clinic));
  return new Resources({ config: join(dir, 'clinic.json') });
}

describe('the calendar (.ics) of a visit, read back with node-ical', () => {
  it('has every calendar moment of the plan at the plan\'s local time, across the fall-back night (New York)', async () => {
    // Saturday Oct 31, 2026, 2:30 PM EDT; clocks go back at 2:00 on Sunday Nov 1.
    const { plan, events, cal } = await calendarOf({ name: 'Ada Lindqvist', treatment: 'standard', date: '2026-10-31T14:30', timeZone: 'America/New_York' });
    const inCalendar = plan.instructions.filter((i) => i.rule.calendar);
    expect(inCalendar.map((i) => i.id)).toEqual(['cleanse', 'sunscreen', 'no-makeup', 'no-sweat-swim-sauna', 'regular-skincare', 'next-treatment']);
    expect(events).toHaveLength(6);
    for (const i of inCalendar) {
      const entry = i.rule.calendar!;
      const found = events.filter((e) => e.summary === cal.events.find((c) => c.ruleId === i.id)!.title);
      expect(found, i.id).toHaveLength(1);
      const e = found[0]!;
      if ('at' in entry) {
        const want = planTime(i, entry.at);
        const got = DateTime.fromJSDate(e.start).setZone('America/New_York');
        expect(got.toFormat('yyyy-MM-dd HH:mm'), i.id).toBe(want.toFormat('yyyy-MM-dd HH:mm'));
        expect(e.start.tz, i.id).toBe('America/New_York');
      } else {
        expect(e.datetype).toBe('date');
        const first = DateTime.fromJSDate(e.start, { zone: 'utc' }).toISODate();
        const endExclusive = DateTime.fromJSDate(e.end!, { zone: 'utc' }).toISODate();
        expect(first).toBe(planTime(i, entry.allDay[0]).toISODate());
        expect(DateTime.fromISO(endExclusive!).minus({ days: 1 }).toISODate()).toBe(planTime(i, entry.allDay[1]).toISODate());
      }
    }
    // Hours are elapsed time: 24 hours after 2:30 PM EDT is 1:30 PM EST, the day the clocks went back.
    const sunscreen = events.find((e) => e.summary === 'Start sunscreen today')!;
    expect(DateTime.fromJSDate(sunscreen.start).setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm ZZZZ')).toBe('2026-11-01 13:30 EST');
    const wash = events.find((e) => e.summary === 'You may wash your face now')!;
    expect(DateTime.fromJSDate(wash.start).setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm ZZZZ')).toBe('2026-10-31 18:30 EDT');
    // The booking window, all day, weeks 4 to 6: Saturday Nov 28 to Saturday Dec 12 inclusive.
    const book = events.find((e) => e.summary === 'Book your next treatment')!;
    expect(book.datetype).toBe('date');
    expect(DateTime.fromJSDate(book.start, { zone: 'utc' }).toISODate()).toBe('2026-11-28');
    expect(DateTime.fromJSDate(book.end!, { zone: 'utc' }).toISODate()).toBe('2026-12-13');
    // In the clinic's zone, with its VTIMEZONE; DTSTAMP in UTC as RFC 5545 requires.
    expect(cal.ics).toContain('DTSTART;TZID=America/New_York:20261101T133000');
    expect(cal.ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/New_York/);
    expect(cal.ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(cal.fileName).toBe('2026-10-31_ada-lindqvist_standard.ics');
  });

  it('speaks Spanish to a Spanish-speaking patient, with the clinic\'s phone in every event, across the spring-forward night (Madrid)', async () => {
    // Saturday March 28, 2026, 10:00 CET; clocks jump to 3:00 at 2:00 on Sunday March 29.
    const { events } = await calendarOf({ name: 'Valentina Ríos', treatment: 'aggressive', date: '2026-03-28T10:00', timeZone: 'Europe/Madrid', language: 'es' });
    const at = (summary: string) => DateTime.fromJSDate(events.find((e) => e.summary === summary)!.start).setZone('Europe/Madrid').toFormat('yyyy-MM-dd HH:mm ZZZZ');
    expect(at('Ya puedes lavarte la cara')).toBe('2026-03-28 14:00 GMT+1');
    expect(at('Empieza hoy el protector solar')).toBe('2026-03-29 11:00 GMT+2');
    expect(at('Ya puedes hacer ejercicio, nadar e ir a la sauna')).toBe('2026-03-31 11:00 GMT+2');
    for (const e of events) expect(e.description).toContain('Llama a Juniper Skin Studio al (555) 014-2290.');
    const book = events.find((e) => e.summary === 'Pide tu próxima cita')!;
    expect(book.description).toContain('Pídela entre el sábado 25 de abril y el sábado 9 de mayo.');
    // A phrase ending in an abbreviation gets one period, not two.
    for (const e of events) expect(e.description).not.toMatch(/\.\./);
  });

  it('says nothing about the patient or the treatment: no name, note, area, concern or treatment type', async () => {
    const { cal } = await calendarOf({
      name: 'Zoë Okonkwo-Brightwater',
      treatment: 'aggressive',
      date: '2026-11-23T14:30',
      area: 'Cheeks and under-eye',
      concern: 'Acne scarring',
      note: 'N'.repeat(280),
    });
    const text = cal.ics.replace(/\r\n /g, '');
    for (const secret of ['Okonkwo', 'Zoë', 'Cheeks', 'Acne', 'NNNNNNNN', 'aggressive', 'Deep', 'icroneedling']) expect(text).not.toContain(secret);
  });

  it('a corrected visit keeps its events\' UIDs (calendar apps update them), and two patients never share one', async () => {
    const a = await calendarOf({ id: 'A-1', name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T09:30' });
    const moved = await calendarOf({ id: 'A-1', name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-24T09:30' });
    const other = await calendarOf({ id: 'A-2', name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T09:30' });
    const uids = (x: { events: ical.VEvent[] }) => x.events.map((e) => e.uid);
    expect(uids(moved)).toEqual(uids(a));
    expect(uids(other).filter((u) => uids(a).includes(u))).toEqual([]);
    expect(new Set(uids(a)).size).toBe(6);
  });

  it('a clinic name with line breaks or invisible characters cannot add events or hide text (hostile config)', async () => {
    const res = clinicWith({ name: 'Evil\u202e Clinic\u200b\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned', phone: '(555) 014\u00ad-2290\u2060' });
    const { events, cal } = await calendarOf({ name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T09:30' }, res);
    expect(events).toHaveLength(6);
    expect(events.map((e) => e.summary)).not.toContain('pwned');
    for (const e of events) {
      expect(e.description).not.toMatch(/[\u200b\u202e\u00ad\u2060\r]/);
      expect(e.description).toContain('Call Evil Clinic END:VEVENT BEGIN:VEVENT SUMMARY:pwned at (555) 014-2290.');
    }
    expect(cal.ics).not.toMatch(/[\u200b\u202e\u00ad\u2060]/);
  });

  it('a zone whose VTIMEZONE is missing or outdated is written in UTC: the same instants as the sheet', async () => {
    // Mexico dropped daylight saving time in 2022: a July visit in Mexico City is at UTC-6.
    const mx = await calendarOf({ name: 'Ada Lindqvist', treatment: 'standard', date: '2026-07-06T10:00', timeZone: 'America/Mexico_City', language: 'es' });
    const wash = mx.events.find((e) => e.summary === 'Ya puedes lavarte la cara')!;
    expect(DateTime.fromJSDate(wash.start).toUTC().toFormat('yyyy-MM-dd HH:mm')).toBe('2026-07-06 20:00');
    if (mx.cal.ics.includes('BEGIN:VTIMEZONE')) expect(mx.cal.ics).not.toMatch(/TZOFFSETTO:-0500/);
    // timezones-ical-library (2.3.2) puts Vancouver at UTC-7 in January 2026, Node's zone data (which
    // made the sheet) at UTC-8. node-ical reads a TZID by its name, but Outlook trusts the VTIMEZONE
    // in the file: an hour off. Such a zone is written in UTC.
    const bc = await calendarOf({ name: 'Ada Lindqvist', treatment: 'standard', date: '2026-01-12T10:00', timeZone: 'America/Vancouver' });
    expect(bc.cal.ics).not.toContain('TZID=');
    expect(bc.cal.ics).toContain('DTSTART:20260112T220000Z'); // 2 PM PST, 4 hours after the visit
    expect(DateTime.fromJSDate(bc.events[0]!.start).setZone('America/Vancouver').toFormat('HH:mm')).toBe('14:00');
    // Whatever VTIMEZONE is written for any zone, it agrees with the plan: checked for a few.
    for (const zone of ['Australia/Lord_Howe', 'America/Santiago', 'Asia/Kathmandu', 'Europe/Kyiv', 'America/Ciudad_Juarez', 'Africa/Casablanca']) {
      const { plan, events } = await calendarOf({ name: 'Ada Lindqvist', treatment: 'standard', date: '2026-04-04T10:00', timeZone: zone });
      const sunscreen = plan.instructions.find((i) => i.id === 'sunscreen')!.from!.at;
      const e = events.find((x) => x.summary === 'Start sunscreen today')!;
      expect(e.start.getTime(), zone).toBe(sunscreen.toMillis());
    }
  });
});

describe('calendar set-up errors', () => {
  it('a rule in the calendar without words in a language is a set-up error naming the file and the rule', async () => {
    const dir = tempDir('handout-cal-tpl-');
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
    const path = join(dir, 'es', 'calendar.json');
    const words = JSON.parse(readFileSync(path, 'utf8')) as { events: Record<string, unknown> };
    delete words.events['sunscreen'];
    writeFileSync(path, JSON.stringify(words));
    const res = new Resources({ config: EXAMPLE_CONFIG, templatesDir: dir });
    const visit = validateVisit(res, { name: 'Ada', treatment: 'standard', date: '2026-11-23T09:30', language: 'es' }, { now: NOW });
    await expect(visitCalendar(res, visit, NOW)).rejects.toMatchObject({ code: 'E_TEMPLATE', message: expect.stringContaining(`${path}: events: no words for "sunscreen"`) });
  });

  it('a calendar entry naming a time its rule does not have is refused when the rules load', () => {
    const dir = tempDir('handout-cal-rules-');
    mkdirSync(join(dir, 'rules'));
    const rule = { id: 'wash', section: 'today', from: { hours: 4 }, calendar: { at: 'until' }, text: { en: 'Wash from {{from}}.' } };
    writeFileSync(join(dir, 'rules', 'protocol.json'), JSON.stringify({ rules: [rule] }));
    expect(() => loadRules(join(dir, 'rules'))).toThrow(expect.objectContaining({ code: 'E_RULES', message: expect.stringMatching(/#wash\.calendar.*"until", which this rule does not have/) }));
  });
});
