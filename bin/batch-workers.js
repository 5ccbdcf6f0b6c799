'use strict';
// `handout batch` renders in worker threads, and a worker takes a tenth of a second to start and
// load its fonts and rules. bin/handout.js starts them here, before the CLI itself has loaded, so
// both happen at once; the batch then hands each worker its clinic's settings (src/batch/render-pool.ts).
const path = require('node:path');
const { availableParallelism } = require('node:os');
const { Worker } = require('node:worker_threads');

const ENTRY = path.join(__dirname, 'batch-worker.js');

/** As many workers as `--jobs` asks for, at most one per core (the batch starts more if it needs them). */
function count(args) {
  const i = args.findIndex((a) => a === '--jobs' || a.startsWith('--jobs='));
  const value = i < 0 ? undefined : args[i].startsWith('--jobs=') ? args[i].slice(7) : args[i + 1];
  const n = /^\d+$/.test(value ?? '') ? Number(value) : availableParallelism();
  return Math.max(1, Math.min(n, availableParallelism()));
}

/** Workers that wait for their settings; unref'd, so a batch that needs none (or fails first) still exits. */
exports.startBatchWorkers = function startBatchWorkers(args) {
  return Array.from({ length: count(args) }, () => {
    const worker = new Worker(ENTRY);
    worker.unref();
    return worker;
  });
};
