import { existsSync } from 'node:fs';
import type { DateTime } from 'luxon';
import { RenderPool, WORKER_FILE } from '../batch/render-pool.js';
import { visitData, type ErrorJson } from '../batch/render-row.js';
import { HandoutError, HandoutErrors, type ErrorCode } from '../errors.js';
import { makeHandout } from '../handout.js';
import type { Resources } from '../resources.js';
import type { Paper } from '../schema/clinic.js';
import type { Visit } from '../schema/visit.js';

export interface RenderOptions {
  now: DateTime;
  paper?: Paper;
}

/** Makes a validated visit's PDF bytes, for the routes; throws HandoutErrors as makeHandout does. */
export interface SheetRenderer {
  render(resources: Resources, visit: Visit, options: RenderOptions): Promise<Uint8Array>;
  /**
   * The render threads, lent to a batch of the same Resources (the Day page's upload) until
   * `release()`; undefined when sheets are made on the server's own thread.
   */
  lend(resources: Resources, now: DateTime): { pool: RenderPool; release(): void } | undefined;
  /** Make `visit`'s sheet wherever sheets will be made, so the first patient's is as fast as the rest. */
  warmUp(resources: Resources, visit: Visit, now: DateTime): Promise<void>;
  /**
   * Make `visits`' sheets (and throw them away) one per thread at a time, only while no sheet is
   * waiting, until they run out, the server reloads its clinic or closes; resolves with how many
   * were made once they have run out (undefined when stopped before, or not made on threads).
   * Nothing is written.
   */
  keepWarm(resources: Resources, visits: Iterable<Visit>, now: DateTime): Promise<number | undefined>;
  /** Stop the threads (the server has finished its work). */
  close(): Promise<void>;
}

/** On the server's own thread: for tests of the routes, and where threads cannot run. */
export const inProcessRenderer: SheetRenderer = {
  async render(resources, visit, { now, paper }) {
    return (await makeHandout(resources, visit, { now, ...(paper && { paper }) })).pdf;
  },
  lend: () => undefined,
  async warmUp() {}, // the server's own thread is warmed by serve.ts
  // Here a made-up sheet would hold up the desks' requests on this very thread.
  keepWarm: async () => undefined,
  async close() {},
};

/** After this many worker deaths in a row, sheets are made on the server's own thread. */
const MAX_FAILURES = 3;

/**
 * Sheets made in the batch's worker threads (src/batch/render-pool.ts): the server's thread only
 * reads requests, validates and writes, so 8 desks at once use every core (`npm run bench`). The
 * threads load the same clinic as `resources`; when the server loads its clinic again (its settings
 * were saved), new threads start for the new Resources and the old ones stop once idle. A thread
 * that dies costs no request: that sheet is made here, and the next request gets new threads.
 */
export class ThreadRenderer implements SheetRenderer {
  private current: { resources: Resources; pool: RenderPool } | undefined;
  private failures = 0;
  private closed = false;
  /** Pools lent to batches, and how many batches hold each. */
  private readonly lent = new Map<RenderPool, number>();
  /** Looked for once: the threads' bundle is made by `npm run build` (absent when run from src/ unbuilt). */
  private readonly built = existsSync(WORKER_FILE);

  constructor(
    private readonly threads: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Start the threads now and make a sheet in each, so the first patients' sheets are not slow. */
  async warmUp(resources: Resources, visit: Visit, now: DateTime): Promise<void> {
    if (!this.usable(resources)) return;
    await Promise.allSettled(Array.from({ length: this.threads }, () => this.render(resources, visit, { now })));
  }

  async keepWarm(resources: Resources, visits: Iterable<Visit>, now: DateTime): Promise<number | undefined> {
    if (!this.usable(resources)) return undefined;
    const pool = this.poolFor(resources, now);
    const visitsLeft = visits[Symbol.iterator]();
    let made = 0;
    for (;;) {
      // Idle: a desk's sheet that comes now waits for one made-up sheet at most.
      await pool.ready(1);
      if (this.closed || this.current?.pool !== pool || pool.failed) return undefined;
      const round: Visit[] = [];
      for (let next; round.length < this.threads && !(next = visitsLeft.next()).done; ) round.push(next.value);
      if (round.length === 0) return made;
      const outcomes = await Promise.allSettled(round.map((visit) => pool.submit({ visit: visitData(visit), names: {}, now: now.toISO()! })));
      made += outcomes.filter((o) => o.status === 'fulfilled' && o.value.status === 'rendered').length;
    }
  }

  /**
   * The warm threads for a batch: its rows wait their turn with the desks' sheets, and no new
   * threads start (each would load the clinic and warm up again, and hold memory of its own). A
   * pool a dead thread has failed is replaced first. Threads retired while lent (the clinic's
   * settings were saved) stop once the batch has released them and they are idle.
   */
  lend(resources: Resources, now: DateTime): { pool: RenderPool; release(): void } | undefined {
    if (!this.usable(resources)) return undefined;
    if (this.current?.pool.failed) this.retire();
    const pool = this.poolFor(resources, now);
    this.lent.set(pool, (this.lent.get(pool) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = this.lent.get(pool)! - 1;
      if (left > 0) return void this.lent.set(pool, left);
      this.lent.delete(pool);
      if (this.current?.pool !== pool) this.stopWhenIdle(pool);
    };
    return { pool, release };
  }

  async render(resources: Resources, visit: Visit, options: RenderOptions): Promise<Uint8Array> {
    if (!this.usable(resources)) return inProcessRenderer.render(resources, visit, options);
    const pool = this.poolFor(resources, options.now);
    let outcome;
    try {
      outcome = await pool.submit({ visit: visitData(visit), names: {}, now: options.now.toISO()!, ...(options.paper && { paper: options.paper }) });
    } catch (e) {
      // Counted once per set of threads, however many sheets it held.
      if (this.current?.pool === pool) {
        this.failures++;
        this.log(`a render thread stopped (${(e as Error).message}); ${this.failures >= MAX_FAILURES ? 'sheets are made on the main thread from now on' : 'starting new ones'}`);
        this.retire();
      }
      return inProcessRenderer.render(resources, visit, options);
    }
    this.failures = 0;
    if (outcome.status === 'rendered') return outcome.pdf;
    throw rejection(outcome.errors);
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = undefined;
    await current?.pool.close();
  }

  /** Threads load a clinic from its config file alone: Resources with other folders stay here. */
  private usable(resources: Resources): boolean {
    const { paths } = resources;
    return !this.closed && this.threads > 0 && this.failures < MAX_FAILURES && !paths.rulesDir && !paths.templatesDir && !paths.fontsDir && this.built;
  }

  private poolFor(resources: Resources, now: DateTime): RenderPool {
    if (this.current?.resources !== resources) {
      this.retire();
      this.current = { resources, pool: new RenderPool(this.threads, { config: resources.paths.config, now: now.toISO()! }, [], { longLived: true }) };
    }
    return this.current.pool;
  }

  /** The current threads stop once the sheets they hold are done (and no batch holds them). */
  private retire(): void {
    const old = this.current?.pool;
    this.current = undefined;
    if (old && !this.lent.has(old)) this.stopWhenIdle(old);
  }

  private stopWhenIdle(pool: RenderPool): void {
    void pool.ready(1).then(() => pool.close());
  }
}

/** A worker's rejection as the errors makeHandout would have thrown here (an internal one stays unexplained). */
function rejection(errors: ErrorJson[]): Error {
  if (errors.some((e) => e.code === 'E_INTERNAL')) return new Error(errors[0]!.message);
  const list = errors.map((e) => new HandoutError(e.code as ErrorCode, e.message, { ...(e.path !== undefined && { path: e.path }), ...(e.hint !== undefined && { hint: e.hint }) }));
  return list.length === 1 ? list[0]! : new HandoutErrors(list);
}
