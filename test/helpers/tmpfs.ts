import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  dir: string;
  unmount(): void;
}

/**
 * A small real disk of its own (`mount -t tmpfs -o size=…`), for full-disk and read-only faults.
 * Returns the reason instead when this machine will not mount one (not root, in a container
 * without the capability): the test then skips, saying why.
 */
export function mountTmpfs(options: string): Tmpfs | string {
  const dir = mkdtempSync(join(tmpdir(), 'handout-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${String((e as { stderr?: Buffer }).stderr ?? (e as Error).message).trim()})`;
  }
  return {
    dir,
    unmount() {
      try {
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // left for the OS
      }
    },
  };
}

/** Fill the disk at `dir` until only about `leaveBytes` are free. */
export function fillDisk(dir: string, leaveBytes: number): void {
  const free = Number(execFileSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' }).split('\n')[1]!.trim());
  execFileSync('fallocate', ['-l', String(Math.max(free - leaveBytes, 0)), join(dir, 'filler')]);
}
