import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { LogEntry } from '../../src/email/delivery-log.js';
import { EXAMPLE_CONFIG, tempDir } from './cli.js';
import { readPdf } from './pdf.js';
import type { Received } from './smtp.js';

/** Made-up patients (no real people), all treated on Monday, November 23, 2026. */
export const PATIENTS = [
  { id: 'E-1', name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T09:30', email: 'ada@example.com' },
  { id: 'E-2', name: 'Bruno Okafor', treatment: 'aggressive', date: '2026-11-23T10:15', email: 'bruno@example.com' },
  { id: 'E-3', name: 'Chiara Ross', treatment: 'standard', date: '2026-11-23T11:00', email: 'chiara@example.com' },
  { id: 'E-4', name: 'Dmitri Volk', treatment: 'standard', date: '2026-11-23T13:45', email: 'dmitri@example.com' },
  { id: 'E-5', name: 'Esme Tanaka', treatment: 'aggressive', date: '2026-11-23T15:30', email: 'esme@example.com' },
  { id: 'E-6', name: 'Farid Haddad', treatment: 'standard', date: '2026-11-23T16:45', email: 'farid@example.com' },
] as const;

export const CLINIC_EMAIL = { from: 'care@juniperskin.example', replyTo: 'frontdesk@juniperskin.example' };

/** The example clinic plus a sender and fast SMTP settings for tests; returns the config's path. */
export function writeClinic(dir: string, smtp: Record<string, unknown> = {}, email: Record<string, unknown> = CLINIC_EMAIL): string {
  const clinic = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')) as Record<string, unknown>;
  // The example's logo path is relative to the example's folder.
  if (typeof clinic.logo === 'string') clinic.logo = resolve(dirname(EXAMPLE_CONFIG), clinic.logo);
  const path = join(dir, 'clinic.json');
  const fast = { timeoutSeconds: 5, attempts: 3, retryDelaySeconds: 0.05, maxConnections: 2 };
  writeFileSync(path, JSON.stringify({ ...clinic, email, smtp: { ...fast, ...smtp } }, null, 2));
  return path;
}

export function writeAppointments(dir: string, rows: readonly object[], name = 'appointments.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(rows, null, 2));
  return path;
}

/** The delivery log's outcomes (one per try); with `intents`, also the `sending` line written before each try. */
export function readLog(out: string, { intents = false } = {}): LogEntry[] {
  return readFileSync(join(out, 'delivery-log.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogEntry)
    .filter((e) => intents || e.status !== 'sending');
}

/** How many messages each address received. */
export function countByRecipient(received: { rcptTo: string[] }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of received) for (const to of r.rcptTo) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
}

/** A temp folder with a clinic config (SMTP settings merged in) and an appointments file. */
export function setUp(rows: readonly object[], smtp: Record<string, unknown> = {}) {
  const dir = tempDir('handout-email-');
  return { dir, out: join(dir, 'out'), config: writeClinic(dir, smtp), file: writeAppointments(dir, rows) };
}

export const emailCmd = (s: { file: string; out: string; config: string }, ...more: string[]) => ['email', s.file, '--out', s.out, '--config', s.config, ...more];

/** The message a patient received, checked from the headers to the text of the attached PDF. */
export async function expectHandoutFor(got: Received, patient: { name: string; email: string; treatment: string }, time: string) {
  const { mail } = got;
  expect(got.rcptTo).toEqual([patient.email]);
  expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ address: patient.email, name: patient.name }]);
  expect(mail.from?.value).toEqual([{ address: CLINIC_EMAIL.from, name: 'Juniper Skin Studio' }]);
  expect(mail.replyTo?.value).toEqual([{ address: CLINIC_EMAIL.replyTo, name: '' }]);
  expect(mail.subject).toBe('Your aftercare instructions from Juniper Skin Studio');
  expect(mail.text).toContain(`Hello ${patient.name},`);
  expect(mail.text).toContain('Monday, November 23, 2026');
  expect(mail.text).toContain('(555) 014-2290');
  expect(mail.html).toContain('Monday, November 23, 2026');
  // The sheet and the recovery's calendar, under names that say nothing about the treatment.
  expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
    ['aftercare_2026-11-23.pdf', 'application/pdf'],
    ['aftercare_2026-11-23.ics', 'text/calendar'],
  ]);
  expect(mail.text).toMatch(/Monday, December 21 to Monday, January 4: Book your next treatment/);
  const pdf = mail.attachments[0]!;
  const sheet = await readPdf(pdf.content);
  expect(sheet.pages).toBe(1);
  expect(sheet.text).toContain(patient.name);
  expect(sheet.flat).toContain(`Monday, November 23, 2026 at ${time}`);
}

export const byRecipient = (received: Received[]) => new Map(received.map((r) => [r.rcptTo[0]!, r]));
