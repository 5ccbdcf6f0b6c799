import { inspectExport, type ExportInspection } from '../../batch/inspect-export.js';
import { quote } from '../../errors.js';
import { createContext } from '../context.js';

export interface ColumnsFlags {
  config?: string;
  sheet?: string;
  json?: boolean;
}

/** `handout columns <file>`: how the batch would read an export, as data (the front-desk page shows the same). */
export async function columns(file: string, flags: ColumnsFlags, warn: (m: string) => void): Promise<ExportInspection> {
  const ctx = createContext(flags.config, warn);
  return inspectExport(file, ctx.resources.clinic.clinic, flags.sheet);
}

const BECOMES = { config: 'mapped in the config', name: 'by its name', suggested: 'suggested' } as const;

/** The findings as a person reads them in a terminal. */
export function formatColumns(f: ExportInspection): string {
  const out: string[] = [];
  const where = f.format === 'xlsx' ? `Excel workbook, sheet ${quote(f.sheet ?? '?')}` : f.format.toUpperCase();
  out.push(`${f.file}: ${where}, ${f.rows} row(s)${f.headerLine && f.headerLine > 1 ? `, header on row ${f.headerLine} (rows above it are titles)` : ''}`);
  out.push('', 'Columns:');
  const width = Math.min(40, Math.max(8, ...f.headers.map((h) => h.header.length)));
  for (const h of f.headers) {
    out.push(`  ${h.header.padEnd(width)}  -> ${h.field ? `${h.field} (${BECOMES[h.by!]})` : '(not used)'}`);
  }
  if (f.missing.length) out.push(`  Still needed: ${f.missing.join(', ')}: map the columns that give them in "columns".`);

  if (f.services.length) {
    out.push('', 'Services:');
    for (const s of f.services) {
      const becomes =
        s.becomes === 'skipped'
          ? s.entry !== undefined
            ? `skipped (${quote(s.entry, 40)}: "skip")`
            : 'skipped (matches no entry of "services")'
          : s.becomes === 'unmapped'
            ? 'not mapped yet (the config has no "services")'
            : s.becomes;
      out.push(`  ${quote(s.service, 60)} (${s.rows}) -> ${becomes}`);
    }
  }
  if (f.statuses.length) {
    out.push('', 'Statuses:');
    for (const s of f.statuses) out.push(`  ${quote(s.status, 40)} (${s.rows}) -> ${s.becomes === 'made' ? 'sheet made' : 'skipped'}${s.by ? '' : ' (not a usual status, and the config\'s "statuses" does not name it: check it)'}`);
  }
  out.push('', 'Dates:');
  if (!f.dates.length) out.push('  none found');
  for (const d of f.dates) out.push(`  ${d.style}: ${d.rows} row(s), e.g. ${quote(d.example, 40)}`);
  const order = f.dateOrder;
  if (f.dates.some((d) => /year/.test(d.style))) {
    const note =
      order.evidence && order.evidence !== order.configured
        ? `the file's dates are ${order.evidence === 'DMY' ? 'day' : 'month'} first: set "dateOrder": "${order.evidence}"`
        : order.evidence
          ? 'the file agrees'
          : 'no date in the file tells the two apart: check one';
    out.push(`  Numeric dates are read as ${order.configured === 'MDY' ? 'month/day/year' : 'day/month/year'} ("dateOrder": "${order.configured}"); ${note}.`);
  }
  if (f.paste.columns || f.paste.services) {
    out.push('', 'To paste into the clinic config (check each entry; the first "services" entry a service name contains wins):');
    out.push(JSON.stringify(f.paste, null, 2).slice(2, -2));
  } else {
    out.push('', 'Nothing to add to the clinic config: `handout batch` reads this file as it is.');
  }
  return out.join('\n');
}
