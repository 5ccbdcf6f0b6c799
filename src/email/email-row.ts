import type { BatchRowReport } from '../batch/run-batch.js';
import type { Visit } from '../schema/visit.js';
import type { EmailRow } from './compose-message.js';

/**
 * A batch report's row as a message to send, or undefined when the report lacks what a message needs.
 * `visit` (the row's validated visit, from runBatch's onSheet) gives the email its calendar and a locked copy.
 */
export function toEmailRow(row: BatchRowReport, defaultLanguage: string, visit?: Visit): EmailRow | undefined {
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
    ...(visit && { visit }),
  };
}
