import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { HandoutError } from '../errors.js';

/**
 * Why a file could not be written, in words a person can act on: the disk is full, the folder is
 * on a read-only disk, `--out` names a file, no permission. The system's own code alone misleads
 * (a read-only disk shows as ENOENT when the folder could not be made, a file as ENOTDIR).
 */
export function writeError(path: string, e: unknown): HandoutError {
  const code = (e as NodeJS.ErrnoException).code;
  const folder = dirname(path);
  const fail = (why: string, hint: string) => new HandoutError('E_IO', `cannot write ${path}: ${why}`, { path, hint });
  if (code === 'ENOSPC') return fail(`the disk that holds ${folder} is full`, 'Free some space on that disk (or choose another --out folder), then run the same command again.');
  if (code === 'EDQUOT') return fail(`your disk quota on the disk that holds ${folder} is used up`, 'Free some space (or choose another --out folder), then run it again.');
  if (code === 'EISDIR') return fail(`${path} is a folder`, 'Move that folder away, or choose another --out folder.');
  const nearest = nearestExisting(folder);
  if (nearest && !nearest.isFolder) return fail(`${nearest.path} is a file, not a folder`, '--out must name a folder (it is made when missing).');
  if (code === 'EROFS' || (nearest && nearest.problem === 'EROFS')) return fail(`${nearest?.path ?? folder} is on a read-only disk`, 'Choose an --out folder on a disk you can write to.');
  if (code === 'EACCES' || code === 'EPERM' || (nearest && nearest.problem)) return fail(`you may not write in ${nearest?.path ?? folder}`, 'Choose an --out folder you may write in, or ask for write permission.');
  return fail(code ?? (e as Error).message, 'Check that the output folder exists or can be made, and that you may write there.');
}

/** The folder itself or its nearest ancestor that exists: is it a folder, and may we write in it? */
function nearestExisting(folder: string): { path: string; isFolder: boolean; problem?: string } | undefined {
  for (let p = folder; ; p = dirname(p)) {
    try {
      const isFolder = statSync(p).isDirectory();
      if (!isFolder) return { path: p, isFolder };
      try {
        accessSync(p, constants.W_OK);
        return { path: p, isFolder };
      } catch (e) {
        return { path: p, isFolder, problem: (e as NodeJS.ErrnoException).code ?? 'EACCES' };
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') continue; // a file further up: found on the way up
      if (dirname(p) === p) return undefined;
    }
  }
}
