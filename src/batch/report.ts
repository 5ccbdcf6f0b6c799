import { join } from 'node:path';
import type { BatchResult, BatchRowReport } from './run-batch.js';

/**
 * The batch report as people read it: one entry per problem, naming the line, the column and the
 * bad value (never the whole row: it is a patient's data), then a summary.
 */
export function rejectionLines(rows: readonly BatchRowReport[]): string[] {
  const lines: string[] = [];
  for (const row of rows) {
    if (row.status !== 'rejected') continue;
    const where = `line ${row.line}${row.id ? ` (id ${row.id})` : ''}`;
    for (const e of row.errors ?? []) lines.push(`${where}: ${e.message}${e.hint ? `\n  hint: ${e.hint}` : ''}`);
  }
  return lines;
}

/** Rows passed over (not aftercare visits), one line each with the reason: nothing a clinic expects is dropped silently. */
export function skippedLines(rows: readonly BatchRowReport[]): string[] {
  return rows.filter((r) => r.status === 'skipped').map((r) => `line ${r.line}${r.id ? ` (id ${r.id})` : ''} skipped: ${r.reason}`);
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function summaryLine(result: BatchResult): string {
  const parts = [
    count(result.made, 'sheet made', 'sheets made'),
    `${result.unchanged} already up to date`,
    `${result.skipped} skipped`,
    count(result.rejected, 'row rejected', 'rows rejected') + (result.rejected ? ' (see above)' : ''),
  ];
  if (result.otherDays) parts.push(`${count(result.otherDays, 'row', 'rows')} of other days left out`);
  const days = [...new Set(result.rows.flatMap((r) => (r.file ? [r.treatedAt!.slice(0, 10)] : [])))].sort();
  const where = days.length === 1 ? join(result.outDir, days[0]!) : days.length ? `${result.outDir} (${days.join(', ')})` : null;
  return `${parts.join(', ')}${where ? `: ${where}` : ''}`;
}

/** The report for scripts (`--json`). */
export function reportJson(result: BatchResult): object {
  const { rows, ...totals } = result;
  return { ok: result.rejected === 0, ...totals, rows };
}
