import { spawn } from 'node:child_process';
import { BIN, ROOT, type CliResult } from './cli.js';

/**
 * Run the real, built `handout` command without blocking the event loop, so a server started by
 * the test in this process (SMTP) can answer it. runCli (spawnSync) would deadlock.
 * HANDOUT_SMTP_URL is cleared unless given, so the developer's own setting never leaks in.
 */
export function runCliAsync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, HANDOUT_CONFIG: '', HANDOUT_SMTP_URL: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}
