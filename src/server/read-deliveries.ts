import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { LOG_NAME, type LogEntry } from '../email/delivery-log.js';

export interface DeliveryFilter {
  /** YYYY-MM-DD: entries written that day, in the clinic's zone. */
  day?: string;
  /** Part of the patient's name, the address or the sheet's file name (case and accents ignored). */
  name?: string;
}

export interface DeliveryRow extends LogEntry {
  /** The last entry of its delivery: the one a deliberate resend starts from. */
  latest: boolean;
}

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * `<out>/delivery-log.jsonl`, newest first, read without its lock (lines are appended whole and
 * fsync'd; a line torn by a crash is skipped, as the delivery log itself does).
 */
export async function readDeliveries(outDir: string, zone: string, filter: DeliveryFilter = {}): Promise<DeliveryRow[]> {
  let text = '';
  try {
    text = await readFile(join(outDir, LOG_NAME), 'utf8');
  } catch {
    return []; // nothing sent yet
  }
  const entries: LogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as LogEntry;
      if (typeof e.key === 'string' && typeof e.at === 'string') entries.push(e);
    } catch {}
  }
  const lastIndex = new Map<string, number>();
  entries.forEach((e, i) => lastIndex.set(e.key, i));
  const needle = filter.name?.trim() ? fold(filter.name.trim()) : undefined;
  const rows: DeliveryRow[] = [];
  entries.forEach((e, i) => {
    const latest = lastIndex.get(e.key) === i;
    // "sending" is written before each attempt; shown only when nothing followed it (the run was stopped mid-send).
    if (e.status === 'sending' && !latest) return;
    if (filter.day && DateTime.fromISO(e.at).setZone(zone).toISODate() !== filter.day) return;
    if (needle && ![e.visit?.name ?? '', e.to, e.file].some((s) => fold(s).includes(needle))) return;
    rows.push({ ...e, latest });
  });
  return rows.reverse();
}
