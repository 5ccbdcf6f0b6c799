import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { ROOT } from '../paths.js';
import type { RenderJob, RenderOutcome } from './render-row.js';
import { earlyFailure, startBatchWorkers } from './start-workers.js';
import type { InitMessage, JobMessage, OutcomeMessage } from './worker.js';

/**
 * The bundled worker (scripts/build.mjs makes it next to dist/handout.cjs), and the thread's entry
 * that loads it through V8's code cache. Found from the package folder, so the same paths work
 * from the bundle and from src/ under the test runner.
 */
export const WORKER_FILE = join(ROOT, 'dist', 'batch-worker.cjs');


interface Pending {
  resolve(outcome: RenderOutcome): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * `size` worker threads, each with its own Resources, rendering rows sent to the least busy one.
 * `ready(limit)` is the back-pressure: the caller stops reading rows while `limit` are in flight.
 * A worker that dies fails every row it held and the pool (the batch stops: sheets made are kept).
 */
export class RenderPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private inFlight = 0;
  private waiters: (() => void)[] = [];
  private failure: Error | undefined;
  private closing = false;

  constructor(
    private readonly size: number,
    private readonly init: InitMessage['init'],
    /** Workers already started (unref'd, waiting for their settings): used first, the rest closed. */
    private readonly started: Worker[] = [],
    /**
     * `longLived`: a server's pool. Its workers never hold the process open (the server's own socket
     * and its tracked work do), and V8's compiler is left at full speed (see tuneCompiler).
     */
    private readonly options: { longLived?: boolean } = {},
  ) {}

  /** The number of worker threads. */
  get threads(): number {
    return this.size;
  }

  /** A worker has died: every submit is refused from now on (make a new pool). */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Workers are given work on the first job: a rerun with every sheet up to date uses none. */
  private start(): void {
    if (!existsSync(WORKER_FILE)) throw new Error(`the batch renderer ${WORKER_FILE} is missing; run \`npm run build\``);
    const workers = [...this.started.splice(0, this.size)];
    workers.push(...startBatchWorkers(this.size - workers.length, { tune: !this.options.longLived }));
    for (const worker of workers) {
      if (!this.options.longLived) worker.ref();
      worker.postMessage({ init: this.init } satisfies InitMessage);
      const slot: Slot = { worker, pending: new Map() };
      slot.worker.on('message', (m: OutcomeMessage) => this.settle(slot, m));
      slot.worker.on('error', (e) => this.fail(slot, e));
      slot.worker.on('exit', (code) => {
        if (!this.closing) this.fail(slot, new Error(`a batch worker stopped (exit code ${code})`));
      });
      // A worker started early (bin/handout.js) may have failed while it waited.
      const early = earlyFailure(worker);
      if (early) this.fail(slot, early);
      this.slots.push(slot);
    }
  }

  submit(job: RenderJob): Promise<RenderOutcome> {
    if (this.closing) return Promise.reject(new Error('the render threads have been stopped'));
    if (this.slots.length === 0 && !this.failure) this.start();
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    this.inFlight++;
    return new Promise<RenderOutcome>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      const message: JobMessage = { id, job };
      slot.worker.postMessage(message);
    });
  }

  /** Resolves once fewer than `limit` rows are in flight (or the pool has failed). */
  async ready(limit: number): Promise<void> {
    while (this.inFlight >= limit && !this.failure) await new Promise<void>((r) => this.waiters.push(r));
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.slots.map((s) => s.worker), ...this.started.splice(0)].map((w) => w.terminate()));
  }

  private settle(slot: Slot, { id, outcome }: OutcomeMessage): void {
    const p = slot.pending.get(id);
    if (!p) return;
    slot.pending.delete(id);
    this.done();
    p.resolve(outcome);
  }

  private fail(slot: Slot, error: Error): void {
    this.failure ??= error;
    for (const p of slot.pending.values()) {
      this.done();
      p.reject(error);
    }
    slot.pending.clear();
    this.wake();
  }

  private done(): void {
    this.inFlight--;
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
