import { parentPort } from 'node:worker_threads';
import { DateTime } from 'luxon';
import { Resources } from '../resources.js';
import { loadRules } from '../load/load-rules.js';
import { FONTS_DIR, RULES_DIR } from '../paths.js';
import { FontSet } from '../pdf/fonts.js';
import { renderRow, type RenderJob, type RenderOutcome } from './render-row.js';

/** The first message every worker gets: its clinic's settings, and the clock. */
export interface InitMessage {
  init: {
    config: string;
    /** The CLI's clock, read once (ISO with offset), for "prepared" on every sheet. */
    now: string;
  };
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
  // The worker may start before the CLI has read its settings (src/batch/start-workers.ts): load what
  // every clinic shares now. A failure here comes back, and is reported, on the first row.
  const preloaded: { fonts?: FontSet; rules?: ReturnType<typeof loadRules> } = {};
  try {
    preloaded.fonts = new FontSet(FONTS_DIR);
    preloaded.rules = loadRules(RULES_DIR);
  } catch {}

  let resources: Resources | undefined;
  let now: DateTime | undefined;
  // One sheet at a time: rows wait in the message queue, so a worker holds one PDF in memory.
  let queue = Promise.resolve();
  port.on('message', (message: InitMessage | JobMessage) => {
    if ('init' in message) {
      resources = new Resources({ config: message.init.config }, preloaded);
      now = DateTime.fromISO(message.init.now, { setZone: true });
      try {
        resources.language(resources.clinic.clinic.language);
      } catch {}
      return;
    }
    queue = queue.then(async () => {
      if (!resources || !now) throw new Error('a batch worker got a row before its settings');
      const jobNow = message.job.now === undefined ? now : DateTime.fromISO(message.job.now, { setZone: true });
      const outcome = await renderRow(resources, message.job, jobNow);
      // The PDF's memory moves to the main thread instead of being copied.
      const transfer = outcome.status === 'rendered' && ownsItsMemory(outcome.pdf) ? [outcome.pdf.buffer as ArrayBuffer] : [];
      port.postMessage({ id: message.id, outcome } satisfies OutcomeMessage, transfer);
      // After the first sheet, so the cache holds the functions a sheet needs (does nothing if a cache was used).
      saveCache();
    });
  });
}

/** A view over a whole ArrayBuffer of its own (not a slice of Node's shared pool), so it can be transferred. */
const ownsItsMemory = (bytes: Uint8Array) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
