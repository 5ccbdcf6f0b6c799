import { HandoutError, quote } from '../errors.js';
import { suggestServices, tallyExport } from './inspect-export.js';
import type { Columns } from './normalize-headers.js';
import type { ReadOptions } from './source-row.js';

/**
 * The file names each visit's service but the clinic config does not say which services are
 * microneedling: the batch stops before making anything, listing the services found and a map to
 * paste (a set-up problem, exit 3).
 */
export async function serviceMapMissing(file: string, columns: Columns, options: ReadOptions): Promise<HandoutError> {
  const { services } = await tallyExport(file, options, 'MDY');
  const listed = [...services].sort((a, b) => b[1] - a[1]);
  const shown = listed.slice(0, 20).map(([s, n]) => `${quote(s, 60)} (${n})`).join(', ') + (listed.length > 20 ? `, and ${listed.length - 20} more` : '');
  const example = JSON.stringify({ services: suggestServices(listed.map(([s]) => s)) }, null, 2).slice(2, -2);
  return new HandoutError(
    'E_CONFIG',
    `${file} gives each visit's service (column ${quote(columns.header.service ?? 'service')}), but the clinic config has no "services" map saying which services are microneedling. Services found: ${shown || 'none'}.`,
    {
      path: 'services',
      hint: `Add a "services" map to the clinic config: text a service name contains -> standard or aggressive; the first entry that matches wins, other services are skipped. Check each entry, e.g.\n${example}\n(\`handout columns ${file}\` shows what each service would become.)`,
    },
  );
}
