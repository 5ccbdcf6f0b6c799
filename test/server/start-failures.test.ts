import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/serve.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { listening } from '../helpers/server.js';

/** This process's threads, as the kernel counts them (a render thread is one). */
const threads = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))![1]);

async function settled(): Promise<number> {
  await new Promise((r) => setTimeout(r, 200));
  return threads();
}

describe('a server that cannot start leaves nothing running', { timeout: 60_000 }, () => {
  it('refused for want of a passcode: no render thread was started', async () => {
    const before = await settled();
    await expect(startServer({ configPath: EXAMPLE_CONFIG, isExample: false, out: tempDir(), host: '0.0.0.0', port: 0, env: {}, renderThreads: 2 })).rejects.toMatchObject({ code: 'E_CONFIG', path: '--host' });
    expect(await settled()).toBeLessThanOrEqual(before);
  });

  it('its port taken: the render threads it started are stopped', async () => {
    const first = await listening({ renderThreads: 0 });
    const before = await settled();
    await expect(startServer({ configPath: EXAMPLE_CONFIG, isExample: false, out: tempDir(), host: '127.0.0.1', port: first.port, env: {}, renderThreads: 2, warmUpSheets: 0 })).rejects.toMatchObject({ code: 'E_CONFIG', path: '--port' });
    expect(await settled()).toBeLessThanOrEqual(before);
    await first.close();
  });
});
