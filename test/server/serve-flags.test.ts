import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli } from '../helpers/cli.js';

describe('handout serve flags', () => {
  it.each([
    ['--render-threads', 'two', /--render-threads: "two" is not a number of threads from 0 to 64/],
    ['--render-threads', '-1', /--render-threads: "-1" is not a number of threads/],
    ['--render-threads', '1.5', /--render-threads: "1.5" is not a number of threads/],
    ['--max-body', '60', /--max-body: "60" is not a size from 1 to 50/],
    ['--port', '70000', /--port: "70000" is not a port number/],
  ])('%s %s is refused before anything starts, naming the flag and what it takes', async (flag, value, message) => {
    const r = await runCli(['serve', flag, value, '--config', EXAMPLE_CONFIG]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/open http/);
  });
});
