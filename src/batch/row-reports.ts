import type { Visit } from '../schema/visit.js';
import { planKey } from '../rules/plan-key.js';
import type { ErrorJson } from './render-row.js';
import type { RowFields } from './row-fields.js';

// What a batch says about each row of the file (`BatchResult.rows`).

export interface BatchRowReport {
  /** CSV line as a spreadsheet shows it (header = 1), or 1-based index for JSON. */
  line: number;
  id?: string;
  name?: string;
  email?: string;
  language?: string;
  treatment?: string;
  /** ISO with offset. */
  treatedAt?: string;
  /** What the sheet's instructions depend on (src/rules/plan-key.ts): the email run re-sends a changed one. */
  plan?: string;
  /** unchanged = an up-to-date file was already there (rerun); skipped = not an aftercare visit (cancelled, another service). */
  status: 'made' | 'unchanged' | 'rejected' | 'skipped';
  /** For skipped: why, naming the column and its value. */
  reason?: string;
  /** Absolute path of the PDF, for made and unchanged. */
  file?: string;
  /** For rejected. */
  errors?: ErrorJson[];
}

/** A row with a sheet: made, or found up to date (its status until the sheet is made). */
export function sheetReport(line: number, visit: Visit, file: string): BatchRowReport {
  return {
    line,
    ...(visit.id !== undefined && { id: visit.id }),
    name: visit.patient.name,
    ...(visit.email !== undefined && { email: visit.email }),
    language: visit.language,
    treatment: visit.treatment,
    treatedAt: visit.treatedAt.toISO({ suppressMilliseconds: true }),
    plan: planKey(visit),
    status: 'unchanged',
    file,
  };
}

/** A bad row: its line, what can identify it (id, name; never the whole row) and every error. */
export function rejectedReport(line: number, fields: RowFields, errors: ErrorJson[]): BatchRowReport {
  const given = (key: 'id' | 'name' | 'email' | 'language' | 'treatment') => {
    const v = fields.input[key];
    return typeof v === 'string' && v.trim() ? { [key]: v.trim() } : {};
  };
  return { line, ...given('id'), ...given('name'), ...given('email'), ...given('language'), ...given('treatment'), status: 'rejected', errors };
}

/** A row that is not an aftercare visit: its line, id and the reason (never the name: the row may be anyone's booking). */
export function skippedReport(line: number, fields: RowFields): BatchRowReport {
  const id = fields.input.id;
  return { line, ...(typeof id === 'string' && id.trim() && { id: id.trim() }), status: 'skipped', reason: fields.skip! };
}
