import { HandoutError, quote } from '../../errors.js';
import { hashPasscode } from '../../server/passcode.js';
import { MB, startServer, type RunningServer } from '../../server/serve.js';
import { chooseConfig } from '../config-path.js';

export interface ServeFlags {
  port: string;
  host: string;
  out: string;
  config?: string;
  maxBody: string;
  renderThreads?: string;
  hashPasscode?: boolean;
}

/**
 * `handout serve`: the front-desk page. Prints the address, logs one line per request (never
 * patient data), and on SIGINT/SIGTERM lets the writes in flight finish before it resolves.
 */
export async function serveCommand(flags: ServeFlags, out: (s: string) => void, warn: (s: string) => void): Promise<void> {
  if (flags.hashPasscode) {
    const passcode = process.env.HANDOUT_PASSCODE;
    if (!passcode) throw new HandoutError('E_INPUT', '--hash-passcode: HANDOUT_PASSCODE is not set', { path: '--hash-passcode', hint: "Run: HANDOUT_PASSCODE='the passcode' handout serve --hash-passcode" });
    out(JSON.stringify({ server: { passcodeHash: hashPasscode(passcode) } }));
    return;
  }
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new HandoutError('E_INPUT', `--port: ${quote(flags.port)} is not a port number`, { path: '--port', hint: 'Use a number from 1 to 65535, e.g. 4321 (0 picks a free one).' });
  }
  const maxBody = Number(flags.maxBody);
  if (!(maxBody > 0 && maxBody <= 50)) {
    throw new HandoutError('E_INPUT', `--max-body: ${quote(flags.maxBody)} is not a size from 1 to 50 (MB)`, { path: '--max-body', hint: 'Use a number of megabytes, at most 50 (default 20).' });
  }
  const renderThreads = flags.renderThreads === undefined ? undefined : Number(flags.renderThreads);
  if (renderThreads !== undefined && !(Number.isInteger(renderThreads) && renderThreads >= 0 && renderThreads <= 64)) {
    throw new HandoutError('E_INPUT', `--render-threads: ${quote(flags.renderThreads)} is not a number of threads from 0 to 64`, { path: '--render-threads', hint: 'Use 0 (sheets made on the server\'s own thread) up to 64; by default, one fewer than the cores.' });
  }
  const config = chooseConfig(flags.config);
  if (config.isExample) warn('note: no clinic config given (--config, $HANDOUT_CONFIG or ./clinic.json); using the example clinic (every page says so).');
  const server: RunningServer = await startServer({
    configPath: config.path,
    isExample: config.isExample,
    out: flags.out,
    host: flags.host,
    port,
    maxBodyBytes: Math.round(maxBody * MB),
    ...(renderThreads !== undefined && { renderThreads }),
    log: warn,
  });
  // Listening for the stop signals before the address is printed: whoever reads it may stop us at once.
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  out(`handout serve: open ${server.url} in a browser (sheets go to ${server.ctx.outDir}; Ctrl+C stops)`);
  if (server.ctx.passcode) out('staff passcode: on');
  const signal = await stopped;
  warn(`${signal}: finishing the work in flight, then stopping`);
  await server.close();
}
