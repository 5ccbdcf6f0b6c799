import type { BatchRowReport } from '../batch/run-batch.js';
import type { EmailRow } from './compose-message.js';

/** A batch report's row as a message to send, or undefined when the report lacks what a message needs. */
export function toEmailRow(row: BatchRowReport, defaultLanguage: string): EmailRow | undefined {
  if (!row.email || !row.name || !row.treatment || !row.treatedAt || !row.file) return undefined;
  return {
    line: row.line,
    ...(row.id !== undefined && { id: row.id }),
    name: row.name,
    email: row.email,
    language: row.language ?? defaultLanguage,
    treatment: row.treatment,
    treatedAt: row.treatedAt,
    file: row.file,
    ...(row.plan !== undefined && { plan: row.plan }),
  };
}
