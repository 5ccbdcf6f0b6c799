import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';

export const ROOT = resolve(__dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'handout.js');
export const EXAMPLE_CONFIG = join(ROOT, 'examples', 'clinic.json');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

/** The developer's own settings never leak into a test. */
const CLEAN_ENV = { HANDOUT_CONFIG: '', HANDOUT_SMTP_URL: '' };

/**
 * Run a `handout` command in this process, as main() runs it for bin/handout.js, with its own
 * working folder and environment, and return what it printed and its exit code. In-process is
 * what keeps the suite fast; `spawnCli` runs the real built command for the few smoke tests
 * that must see a whole process (the bin, a kill). Calls must not overlap (cwd and env are the process's).
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const env = { ...CLEAN_ENV, ...options.env };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const cwd = process.cwd();
  let stdout = '';
  let stderr = '';
  Object.assign(process.env, env);
  process.chdir(options.cwd ?? ROOT);
  try {
    const status = await main(args, { out: (s) => (stdout += s + '\n'), err: (s) => (stderr += s + '\n') });
    return { status, stdout, stderr };
  } finally {
    process.chdir(cwd);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Run the real, built `handout` command as a user would (npm test builds it first), without blocking this process. */
export function spawnCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...CLEAN_ENV, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ status: code ?? -1, stdout, stderr }));
  });
}

/** Folders made by tempDir; test/setup/remove-temp-dirs.ts removes them after each test file. */
export const madeTempDirs: string[] = [];

/**
 * Where tempDir makes its folders: a RAM disk where the machine has one (/dev/shm on Linux), else
 * the system's temporary folder. Sheets and delivery logs are fsynced as they are written, which
 * costs milliseconds each on a real disk and nothing a test checks (no test pulls the power).
 * Only the tests' own folders: the code's own temporary files (uploads) stay in tmpdir(), as on a
 * clinic's machine, and nothing it leaves behind piles up in memory.
 */
const TEMP_BASE = (() => {
  try {
    const dir = `/dev/shm/handout-tests-${process.getuid?.() ?? 'user'}`;
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return dir;
  } catch {
    return tmpdir();
  }
})();

export function tempDir(prefix = 'handout-test-'): string {
  const dir = mkdtempSync(join(TEMP_BASE, prefix));
  madeTempDirs.push(dir);
  return dir;
}
