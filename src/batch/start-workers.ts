// Starting `handout batch` worker threads (render-pool.ts hands them rows). The CLI starts them
// before it has loaded itself (bin/handout.js loads this file alone, built as dist/start-workers.cjs),
// so both happen at once: a worker takes a tenth of a second to start and load its fonts and rules.
// They then wait for their settings. The pool starts any more it needs with the same code.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../paths.js';

/** The thread's entry: loads the bundled renderer (dist/batch-worker.cjs) through V8's code cache. */
const ENTRY = join(ROOT, 'bin', 'batch-worker.js');

/**
 * Every worker compiles the renderer for itself, on V8's background threads, while the others
 * render: on two cores that compiling took a large share of a 1,000-row batch. Less inlining and
 * later optimization make it much cheaper, for a top speed a batch of a few thousand sheets never
 * reaches anyway (`node scripts/bench-batch.mjs`: 1,000 rows in 2.9 s without them, 2.2 s with).
 * The flags are process-wide and only count for code compiled after them, so they are set before
 * the first worker starts (setting them again is harmless). V8 keeps code caches per set of flags:
 * bin/handout.js loads the CLI through a cache of its own after setting them (see COMPILER_TAG).
 */
function tuneCompiler(): void {
  setFlagsFromString('--max-inlined-bytecode-size-cumulative=100');
  setFlagsFromString('--interrupt-budget=300000');
}

/**
 * A sheet allocates a few megabytes that die with it (text runs, layout, PDF chunks): with V8's
 * default young generation a worker scavenged every sheet or two. With 32 MB a render thread spent
 * a tenth less CPU per served sheet (3.3 against 3.7 ms, interleaved on a quiet two-core machine).
 */
const YOUNG_GENERATION_MB = 32;

/** Names the code caches made under tuneCompiler's flags. */
export const COMPILER_TAG = 'batch';

// Kept on the worker itself (a global symbol): the CLI's early workers are started by
// dist/start-workers.cjs and looked at by the pool inside dist/handout.cjs, two copies of this code.
const EARLY_FAILURE = Symbol.for('handout.batchWorker.earlyFailure');
type Tracked = Worker & { [EARLY_FAILURE]?: Error };

/** How a worker failed or stopped before the batch took it (the batch reports it then). */
export const earlyFailure = (worker: Worker): Error | undefined => (worker as Tracked)[EARLY_FAILURE];

/**
 * `count` workers, waiting for their settings; unref'd, so a batch that needs none (or fails first)
 * still exits. A failure while they wait is kept for the batch to report, not thrown. `tune: false`
 * leaves V8's compiler as it is: for the server, which lives long enough to reach full speed.
 */
export function startBatchWorkers(count: number, options: { tune?: boolean } = {}): Worker[] {
  if (count > 0 && options.tune !== false) tuneCompiler();
  return Array.from({ length: count }, () => {
    const worker: Tracked = new Worker(ENTRY, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    worker.unref();
    const failed = (error: Error) => {
      worker[EARLY_FAILURE] ??= error;
    };
    worker.on('error', failed);
    worker.on('exit', (code) => failed(new Error(`a batch worker stopped (exit code ${code})`)));
    return worker;
  });
}

/** How many workers `handout batch <args>` will want: `--jobs`, at most one per core (the batch starts more if asked). */
export function workersWanted(args: string[]): number {
  const i = args.findIndex((a) => a === '--jobs' || a.startsWith('--jobs='));
  const arg = i < 0 ? undefined : args[i]!;
  const value = arg?.startsWith('--jobs=') ? arg.slice(7) : i < 0 ? undefined : args[i + 1];
  const n = /^\d+$/.test(value ?? '') ? Number(value) : availableParallelism();
  return Math.max(1, Math.min(n, availableParallelism()));
}
