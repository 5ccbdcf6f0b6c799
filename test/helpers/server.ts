import { join } from 'node:path';
import { prepareServer, startServer, type ServeOptions } from '../../src/server/serve.js';
import { EXAMPLE_CONFIG, tempDir } from './cli.js';
import { NOW } from './resources.js';

export const ORIGIN = 'http://127.0.0.1:4321';

/** Servers a test file started and has not closed: test/setup/remove-temp-dirs.ts closes them after the file (their uploads hold names). */
export const openServers = new Set<{ close(): Promise<void> }>();

/** `server` with a close() that runs once and takes it off openServers. */
function tracked<T extends { close(): Promise<void> }>(server: T): T {
  let closing: Promise<void> | undefined;
  const close = server.close.bind(server);
  const entry = { ...server, close: () => (openServers.delete(entry), (closing ??= close())) };
  openServers.add(entry);
  return entry;
}

/** The server's app, in-process (no socket), on a fresh output folder; `log` collects its request log. */
export async function inProcess(options: Partial<ServeOptions> = {}) {
  const dir = tempDir('handout-server-');
  const out = join(dir, 'out');
  const log: string[] = [];
  const server = tracked(await prepareServer({ configPath: EXAMPLE_CONFIG, isExample: false, out, env: {}, clock: () => NOW, log: (l) => log.push(l), jobs: 1, renderThreads: 0, ...options }));
  const request = (path: string, init: RequestInit = {}) => server.app.request(`${ORIGIN}${path}`, init);
  const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    request(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { ...server, dir, out, log, request, json };
}

/** The real server listening on a free port of 127.0.0.1. */
export async function listening(options: Partial<ServeOptions> = {}) {
  const dir = tempDir('handout-server-');
  const out = join(dir, 'out');
  const log: string[] = [];
  const server = tracked(await startServer({ configPath: EXAMPLE_CONFIG, isExample: false, out, env: {}, port: 0, host: '127.0.0.1', log: (l) => log.push(l), renderThreads: 1, warmUpSheets: 0, ...options }));
  return { ...server, dir, out, log };
}
