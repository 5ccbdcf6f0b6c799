import { join } from 'node:path';
import { makeAndWrite } from '../../deliver/make-and-write.js';
import { HandoutError, isHandoutError } from '../../errors.js';
import { validateVisit } from '../../handout.js';
import { readDataFile } from '../../load/read-data-file.js';
import { EXAMPLE_CLINIC, ROOT } from '../../paths.js';
import type { Paper } from '../../schema/clinic.js';
import { createContext } from '../context.js';

/**
 * `handout demo`: the bundled example appointments, on Letter and A4, into the output folder; then
 * the example CSV export through the batch (into `<out>/<day>/`, as `handout batch` does).
 */
export async function demo(flags: { out: string }, warn: (m: string) => void): Promise<string[]> {
  const ctx = createContext(EXAMPLE_CLINIC, warn);
  const rows = readDataFile(join(ROOT, 'examples', 'appointments.json'), 'E_IO');
  if (!Array.isArray(rows)) throw new HandoutError('E_IO', 'examples/appointments.json must hold a list of visits');
  const files: string[] = [];
  for (const paper of ['letter', 'a4'] as Paper[]) {
    for (const row of rows) {
      try {
        const visit = validateVisit(ctx.resources, row, { now: ctx.now });
        const { file } = await makeAndWrite(ctx.resources, visit, join(flags.out, 'demo', paper), { now: ctx.now, paper });
        files.push(file);
      } catch (e) {
        if (!isHandoutError(e)) throw e;
        warn(`example row skipped: ${e.message}`);
      }
    }
  }
  const { runBatch } = await import('../../batch/run-batch.js');
  const batch = await runBatch(join(ROOT, 'examples', 'appointments.csv'), { out: flags.out, configPath: EXAMPLE_CLINIC, now: ctx.now });
  for (const row of batch.rows) {
    if (row.file) files.push(row.file);
    else warn(`example row skipped: line ${row.line}: ${row.errors?.map((e) => e.message).join('; ')}`);
  }
  return files;
}
