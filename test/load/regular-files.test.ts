import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, EXAMPLE_CONFIG, ROOT, tempDir } from '../helpers/cli.js';

/** The real command, stopped after 15 s: a hang fails the test instead of the suite. */
function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, HANDOUT_CONFIG: '' }, encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
  return { status: r.status ?? -1, stderr: r.stderr, hung: r.signal === 'SIGKILL' };
}

function fifo(dir: string, name: string): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

describe('files that are not regular files are refused, not read forever', () => {
  const dir = tempDir();
  const appointments = join(ROOT, 'examples', 'appointments.csv');

  it.each([
    ['a named pipe (FIFO)', () => fifo(dir, 'clinic.json'), 'is a named pipe'],
    ['/dev/zero', () => '/dev/zero', 'is a device'],
  ])('as the clinic config: %s', (_what, make, why) => {
    const config = make();
    for (const args of [['rules', 'check', '--config', config], ['generate', '--name', 'Ada Lindqvist', '--treatment', 'standard', '--out', join(dir, 'out'), '--config', config]]) {
      const r = run(args);
      expect(r.hung, args[0]).toBe(false);
      expect(r.status, args[0]).toBe(3);
      expect(r.stderr, args[0]).toContain(`${config} ${why}`);
    }
  });

  it.each([
    ['a named pipe (FIFO)', () => fifo(dir, 'appointments.csv'), 'is a named pipe'],
    ['/dev/zero', () => '/dev/zero', 'is a device'],
  ])('as the appointments export: %s', (_what, make, why) => {
    const file = make();
    for (const command of ['batch', 'email']) {
      const r = run([command, file, '--out', join(dir, 'out'), '--config', EXAMPLE_CONFIG]);
      expect(r.hung, command).toBe(false);
      expect(r.status, command).toBe(8);
      expect(r.stderr, command).toContain(`${file} ${why}`);
    }
  });

  it('a config file too large to be one is refused with the limit', () => {
    const config = join(dir, 'huge.json');
    const clinic = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
    writeFileSync(config, JSON.stringify({ ...clinic, logo: undefined }) + ' '.repeat(2 * 1024 * 1024));
    const r = run(['rules', 'check', '--config', config]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/is 2\.0 MB; at most 1 MB is read/);
  });
});
