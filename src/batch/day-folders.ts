import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { takeLock, type FolderLock } from '../deliver/folder-lock.js';
import { assertRealFolderInside } from '../deliver/real-folder.js';
import { writeError } from '../deliver/write-error.js';
import { BatchStopped } from './batch-stopped.js';
import { Manifest } from './manifest.js';
import { UniqueNames } from './unique-names.js';

/** One day's folder of a batch: where its sheets go, their manifest, and the file names taken. */
export interface DayFolder {
  dir: string;
  manifest: Manifest;
  names: UniqueNames;
}

const LOCK_NAME = '.handout-batch.lock';

/**
 * The day folders of one batch under `outDir`, opened as the first row of each day comes. The
 * output folder is locked when the first is opened (a file that cannot be read leaves no folder
 * behind); `close()` closes the manifests and lets the lock go.
 */
export class DayFolders {
  private readonly days = new Map<string, DayFolder>();
  private lock?: FolderLock;

  constructor(private readonly outDir: string) {}

  /** The folder of `day` (YYYY-MM-DD), refused if it links outside the output folder. */
  folderFor(day: string): DayFolder {
    let folder = this.days.get(day);
    const dir = join(this.outDir, day);
    if (!folder) {
      this.lock ??= lockOutput(this.outDir);
      assertRealFolderInside(this.outDir, dir);
      this.days.set(day, (folder = { dir, manifest: new Manifest(dir), names: new UniqueNames() }));
    }
    return folder;
  }

  close(): void {
    for (const { manifest } of this.days.values()) manifest.close();
    this.lock?.release();
  }
}

/** One batch at a time per output folder: a second would make every sheet again and write each manifest twice. */
function lockOutput(outDir: string): FolderLock {
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    throw writeError(join(outDir, LOCK_NAME), e);
  }
  return takeLock(join(outDir, LOCK_NAME), (pid) =>
    new BatchStopped('E_IO', `another handout command (process ${pid}) is making sheets in ${outDir}`, {
      path: join(outDir, LOCK_NAME),
      hint: `Wait for it to finish. If no such command is running, delete ${join(outDir, LOCK_NAME)}.`,
    }),
  );
}
