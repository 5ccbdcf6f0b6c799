import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'handout.js');
export const EXAMPLE_CONFIG = join(ROOT, 'examples', 'clinic.json');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the real, built `handout` command as a user would (npm test builds it first). */
export function runCli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, HANDOUT_CONFIG: '', ...options.env },
    encoding: 'utf8',
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const tempDir = (prefix = 'handout-test-') => mkdtempSync(join(tmpdir(), prefix));
