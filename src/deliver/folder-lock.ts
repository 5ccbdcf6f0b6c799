import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { HandoutError } from '../errors.js';
import { isRunning } from './is-running.js';
import { writeError } from './write-error.js';

export interface FolderLock {
  release(): void;
}

/**
 * Take a lock file holding this process's id, so two runs cannot work on the same output at once
 * (a batch making every sheet twice, two email runs sending the same rows). A lock left by a
 * process that no longer runs (killed) is taken over. `busy` makes the error for a live holder.
 */
export function takeLock(lockPath: string, busy: (pid: number) => HandoutError): FolderLock {
  // The file holds a process id, so it cannot tell two takers in one process (the server) apart.
  if (heldHere.has(lockPath)) throw busy(process.pid);
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, String(process.pid));
      } finally {
        closeSync(fd);
      }
      heldHere.add(lockPath);
      return {
        release: () => {
          if (heldHere.delete(lockPath)) rmSync(lockPath, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw writeError(lockPath, e);
    }
    let pid = 0;
    try {
      pid = Number(readFileSync(lockPath, 'utf8').trim());
    } catch {
      continue; // released in the meantime
    }
    if (pid && pid !== process.pid && isRunning(pid)) throw busy(pid);
    rmSync(lockPath, { force: true }); // left behind by a run that was killed
  }
  throw new HandoutError('E_IO', `cannot take the lock ${lockPath}`, { path: lockPath, hint: `If no handout command is running, delete ${lockPath}.` });
}

/** Lock files this process holds. */
const heldHere = new Set<string>();
