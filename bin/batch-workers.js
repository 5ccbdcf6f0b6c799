'use strict';
// Starting `handout batch` worker threads (src/batch/render-pool.ts hands them rows). The CLI
// (bin/handout.js) starts them before it has loaded itself, so both happen at once: a worker takes
// a tenth of a second to start and load its fonts and rules. They then wait for their settings.
const path = require('node:path');
const { availableParallelism } = require('node:os');
const { setFlagsFromString } = require('node:v8');
const { Worker } = require('node:worker_threads');

const ENTRY = path.join(__dirname, 'batch-worker.js');

/**
 * Every worker compiles the renderer for itself, on V8's background threads, while the others
 * render: on two cores that compiling took a large share of a 1,000-row batch. Less inlining and
 * later optimization make it much cheaper, for a top speed a batch of a few thousand sheets never
 * reaches anyway (`node scripts/bench-batch.mjs`: 1,000 rows in 2.9 s without them, 2.2 s with).
 * The flags are process-wide and only count for code compiled after them, so they are set before
 * the first worker starts. V8 keeps code caches per set of flags: bin/handout.js loads the CLI
 * through a cache of its own after setting them (see COMPILER_TAG).
 */
let tuned = false;
function tuneCompiler() {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
  setFlagsFromString('--interrupt-budget=300000');
}

/** Names the code caches made under tuneCompiler's flags. */
exports.COMPILER_TAG = 'batch';

/** How a worker failed or stopped before the batch took it (the batch reports it then). */
const early = new WeakMap();
exports.earlyFailure = (worker) => early.get(worker);

/**
 * `count` workers, waiting for their settings; unref'd, so a batch that needs none (or fails first)
 * still exits. A failure while they wait is kept for the batch to report, not thrown.
 */
exports.startBatchWorkers = function startBatchWorkers(count) {
  tuneCompiler();
  return Array.from({ length: count }, () => {
    const worker = new Worker(ENTRY);
    worker.unref();
    const failed = (error) => {
      if (!early.has(worker)) early.set(worker, error);
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`a batch worker stopped (exit code ${code})`)));
    return worker;
  });
};

/** How many workers `handout batch <args>` will want: `--jobs`, at most one per core (the batch starts more if asked). */
exports.workersWanted = function workersWanted(args) {
  const i = args.findIndex((a) => a === '--jobs' || a.startsWith('--jobs='));
  const value = i < 0 ? undefined : args[i].startsWith('--jobs=') ? args[i].slice(7) : args[i + 1];
  const n = /^\d+$/.test(value ?? '') ? Number(value) : availableParallelism();
  return Math.max(1, Math.min(n, availableParallelism()));
};
