import { join } from 'node:path';
import { prepareServer, startServer, type ServeOptions } from '../../src/server/serve.js';
import { EXAMPLE_CONFIG, tempDir } from './cli.js';
import { NOW } from './resources.js';

export const ORIGIN = 'http://127.0.0.1:4321';

/** The server's app, in-process (no socket), on a fresh output folder; `log` collects its request log. */
export async function inProcess(options: Partial<ServeOptions> = {}) {
  const dir = tempDir('handout-server-');
  const out = join(dir, 'out');
  const log: string[] = [];
  const server = await prepareServer({ configPath: EXAMPLE_CONFIG, isExample: false, out, env: {}, clock: () => NOW, log: (l) => log.push(l), jobs: 1, renderThreads: 0, ...options });
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
  const server = await startServer({ configPath: EXAMPLE_CONFIG, isExample: false, out, env: {}, port: 0, host: '127.0.0.1', log: (l) => log.push(l), jobs: 1, renderThreads: 1, ...options });
  return { ...server, dir, out, log };
}
