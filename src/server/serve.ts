import { readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, hostname, networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { DateTime } from 'luxon';
import { isRunning } from '../deliver/is-running.js';
import { HandoutError } from '../errors.js';
import { Resources } from '../resources.js';
import type { Hono } from 'hono';
import { createApp } from './app.js';
import { BatchJobs } from './batch-jobs.js';
import type { ServerContext } from './context.js';
import { passcodeFrom } from './passcode.js';
import { Serial } from './serial.js';
import { Sessions } from './sessions.js';
import { inProcessRenderer, ThreadRenderer } from './sheet-renderer.js';
import { firstSheet, WARM_UP_SHEETS, warmUpVisits } from './warm-up.js';

export const MB = 1024 * 1024;
export const DEFAULT_MAX_BODY = 20 * MB;
export const MAX_MAX_BODY = 50 * MB;

export interface ServeOptions {
  configPath: string;
  isExample: boolean;
  out: string;
  host?: string;
  /** 0: any free port. */
  port?: number;
  maxBodyBytes?: number;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  clock?: () => DateTime;
  jobs?: number;
  /** Threads that make the sheets of checkout and the API (default: one fewer than the cores, at least one; 0: the server's own thread). */
  renderThreads?: number;
  lockWaitMs?: number;
  /** A whole request (headers and body) must arrive within this (a slow client is cut off). */
  requestTimeoutMs?: number;
  /** Made-up sheets the render threads make in the background after start (src/server/warm-up.ts; default WARM_UP_SHEETS, 0: none). */
  warmUpSheets?: number;
}

export interface PreparedServer {
  ctx: ServerContext;
  app: Hono;
  /** Resolves once the work in flight (requests' writes, batch and email jobs) has finished. */
  settle(): Promise<void>;
  /** settle(), then stop the render threads. */
  close(): Promise<void>;
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: ServerContext;
  app: Hono;
  /** Stop taking requests, let those in flight (and batch and email jobs) finish, then close. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The names this machine answers to, for the Host check. */
function ownHosts(host: string, env: NodeJS.ProcessEnv): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '::1', host.toLowerCase()]);
  if (!LOOPBACK.has(host)) {
    // On the clinic's network: the machine's own addresses and name, and names a proxy uses.
    for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
    names.add(hostname().toLowerCase());
    names.add(`${hostname().toLowerCase()}.local`);
  }
  for (const name of (env.HANDOUT_ALLOWED_HOSTS ?? '').split(',')) if (name.trim()) names.add(name.trim().toLowerCase());
  return names;
}

/**
 * `handout serve`: load fonts, rules, templates and the clinic once, check the set-up, listen.
 * Refuses to listen beyond this machine without a staff passcode.
 */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const prepared = await prepareServer(options);
  const { ctx, app } = prepared;
  const requestTimeout = options.requestTimeoutMs ?? 120_000;
  const listening = new Promise<Server>((resolveListen, reject) => {
    const s = serve(
      {
        fetch: app.fetch,
        hostname: host,
        port: options.port ?? 4321,
        serverOptions: { requestTimeout, headersTimeout: Math.min(requestTimeout, 30_000), connectionsCheckingInterval: Math.min(requestTimeout / 4, 5_000) },
      },
      () => resolveListen(s as Server),
    ) as Server;
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new HandoutError('E_CONFIG', `port ${options.port} on ${host} is already in use (is another \`handout serve\` running?)`, { path: '--port', hint: 'Stop the other one, or choose another --port.' })
          : new HandoutError('E_CONFIG', `cannot listen on ${host}:${options.port}: ${e.code ?? e.message}`, { path: '--host', hint: 'Use an address of this machine, e.g. 127.0.0.1 or 0.0.0.0.' }),
      ),
    );
  });
  // Not listening (the port is taken): stop the render threads the server started before saying so.
  const server = await listening.catch(async (e: unknown) => {
    await prepared.close();
    throw e;
  });
  // Browsers keep a connection for minutes: closing idle ones after 5 s (Node's default) races their next request.
  server.keepAliveTimeout = 30_000;
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? hostname() : host;
  return {
    url: `http://${shown}:${port}/`,
    port,
    ctx,
    app,
    async close() {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      await prepared.settle();
      // A browser's kept-alive connection goes idle once its answer is sent, and would hold the
      // close for the whole keep-alive time: the work is done, so close what is left.
      server.closeIdleConnections();
      const late = setTimeout(() => server.closeAllConnections(), 2000);
      await closed;
      clearTimeout(late);
      await prepared.close(); // the uploads' folder, then the render threads
    },
  };
}

/** Everything but listening: the app and its context (tests call the app in-process). */
export async function prepareServer(options: ServeOptions): Promise<PreparedServer> {
  const env = options.env ?? process.env;
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  if (!(maxBodyBytes > 0 && maxBodyBytes <= MAX_MAX_BODY)) {
    throw new HandoutError('E_INPUT', `--max-body: ${maxBodyBytes / MB} MB is more than the server takes`, { path: '--max-body', hint: 'Use a size from 1 to 50 (MB).' });
  }
  const resources = new Resources({ config: options.configPath });
  // Refused before any render thread starts: nothing is left running when the server does not start.
  const passcode = passcodeFrom(env, resources.clinic.clinic.server?.passcodeHash);
  if (!LOOPBACK.has(host) && !passcode) {
    throw new HandoutError('E_CONFIG', `refusing to serve on ${host} without a staff passcode: anyone on the network could make and email sheets`, {
      path: '--host',
      hint: 'Set HANDOUT_PASSCODE (or "server": {"passcodeHash": ...} in the clinic config, from `handout serve --hash-passcode`), or leave --host at 127.0.0.1.',
    });
  }
  const clock = options.clock ?? (() => DateTime.now());
  // One core stays with the server's own thread (HTTP, validation, writes): on two cores one render
  // thread made 1,000 sheets for 8 desks as fast as two did, with less CPU and 350 MB less memory.
  const renderThreads = options.renderThreads ?? Math.max(1, availableParallelism() - 1);
  const log = options.log ?? (() => {});
  const renderer = renderThreads > 0 ? new ThreadRenderer(renderThreads, log) : inProcessRenderer;
  const now = clock();
  await renderer.warmUp(resources, await firstSheet(resources, now), now);
  const warmUpSheets = options.warmUpSheets ?? WARM_UP_SHEETS;
  const keepWarm = (r: Resources, at: DateTime) => {
    const started = performance.now();
    renderer.keepWarm(r, warmUpVisits(r, at, warmUpSheets), at).then(
      (made) => {
        if (made) log(`render threads warmed up: ${made} made-up sheets in ${((performance.now() - started) / 1000).toFixed(1)} s (nothing written)`);
      },
      // Made-up visits only, so the message names no patient; the server goes on without it.
      (e: Error) => log(`render threads' warm-up stopped: ${e.message}`),
    );
  };
  const outDir = resolve(options.out);
  removeAbandonedTemps(outDir);

  const inFlight = new Set<Promise<unknown>>();
  const deliveries = new Serial();
  const ctx: ServerContext = {
    resources,
    isExample: options.isExample,
    outDir,
    passcode,
    sessions: new Sessions(),
    hosts: ownHosts(host, env),
    maxBodyBytes,
    clock,
    log,
    env,
    renderer,
    batches: new BatchJobs({ resources: () => ctx.resources, outDir, clock, lend: (r, at) => renderer.lend(r, at), ...(options.jobs && { jobs: options.jobs }) }),
    deliveries,
    ...(options.jobs && { jobs: options.jobs }),
    ...(options.lockWaitMs !== undefined && { lockWaitMs: options.lockWaitMs }),
    async reload() {
      // The same config read again (the fonts and the bundled rules are not the config's), checked
      // with a sheet before it replaces the one in use: a failure leaves the server as it was.
      const fresh = new Resources(ctx.resources.paths, { fonts: ctx.resources.fonts, rules: ctx.resources.baseRules });
      const now = clock();
      const visit = await firstSheet(fresh, now);
      ctx.resources = fresh;
      // The render threads follow ctx.resources: new ones start now, the old stop once idle.
      await renderer.warmUp(fresh, visit, now);
      keepWarm(fresh, now);
    },
    track(work) {
      inFlight.add(work);
      const forget = () => inFlight.delete(work);
      work.then(forget, forget);
      return work;
    },
  };
  const app = createApp(ctx);
  keepWarm(resources, now);
  const settle = async () => void (await Promise.allSettled([...inFlight]));
  const close = async () => {
    await settle();
    // Uploads hold patient names: their folder goes with the server, however it was started.
    ctx.batches.uploads.close();
    await ctx.renderer.close();
  };
  return { ctx, app, settle, close };
}

/** Temporary files of writeAtomic left in the output folder by a process that was killed mid-write. */
function removeAbandonedTemps(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^\..+\.pdf\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name)?.[1];
    if (pid && !isRunning(Number(pid))) rmSync(join(dir, name), { force: true });
  }
}
