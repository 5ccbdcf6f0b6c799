import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from '../../src/email/delivery-log.js';
import { EXAMPLE_CONFIG } from './cli.js';

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
  const path = join(dir, 'clinic.json');
  const fast = { timeoutSeconds: 1, attempts: 3, retryDelaySeconds: 0.05, maxConnections: 2 };
  writeFileSync(path, JSON.stringify({ ...clinic, email, smtp: { ...fast, ...smtp } }, null, 2));
  return path;
}

export function writeAppointments(dir: string, rows: readonly object[], name = 'appointments.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(rows, null, 2));
  return path;
}

export function readLog(out: string): LogEntry[] {
  return readFileSync(join(out, 'delivery-log.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogEntry);
}

/** How many messages each address received. */
export function countByRecipient(received: { rcptTo: string[] }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of received) for (const to of r.rcptTo) counts[to] = (counts[to] ?? 0) + 1;
  return counts;
}
