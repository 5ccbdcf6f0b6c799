import { parentPort, workerData } from 'node:worker_threads';
import { DateTime } from 'luxon';
import { Resources } from '../handout.js';
import { renderRow, type RenderJob, type RenderOutcome } from './render-row.js';

/** What every worker is started with. */
export interface WorkerInit {
  config: string;
  /** The CLI's clock, read once (ISO with offset), for "prepared" on every sheet. */
  now: string;
}

export interface JobMessage {
  id: number;
  job: RenderJob;
}
export interface OutcomeMessage {
  id: number;
  outcome: RenderOutcome;
}


/**
 * Entry point of dist/batch-worker.cjs, called by bin/batch-worker.js: one Resources per worker,
 * loaded once, reused for every row. `saveCache` writes the bundle's code cache (best effort).
 */
export function start(saveCache: () => void): void {
  if (!parentPort) throw new Error('the batch renderer runs in a worker thread');
  const port = parentPort;
  const init = workerData as WorkerInit;
  const resources = new Resources({ config: init.config });
  const now = DateTime.fromISO(init.now, { setZone: true });
  // Load fonts, rules and templates now, while the main thread is still reading the first rows.
  try {
    void resources.fonts;
    void resources.rules;
    resources.language(resources.clinic.clinic.language);
  } catch {
    // The same error comes back on the first row, where it is reported.
  }
  // One sheet at a time: rows wait in the message queue, so a worker holds one PDF in memory.
  let queue = Promise.resolve();
  port.on('message', (message: JobMessage) => {
    queue = queue.then(async () => {
      const reply: OutcomeMessage = { id: message.id, outcome: await renderRow(resources, message.job, now) };
      port.postMessage(reply);
      // After the first sheet, so the cache holds the functions a sheet needs (does nothing if a cache was used).
      saveCache();
    });
  });
}
