import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { HandoutError } from '../errors.js';

/**
 * Refuse a folder the program makes inside `root` (a day folder, the outbox) when it already
 * exists as a link to a place outside the real `root`: sheets and messages stay where --out says.
 * A folder that does not exist yet is fine (it is made as a real folder).
 */
export function assertRealFolderInside(root: string, dir: string): void {
  let isLink: boolean;
  try {
    isLink = lstatSync(dir).isSymbolicLink();
  } catch {
    return;
  }
  if (!isLink) return;
  let target: string;
  let realRoot: string;
  try {
    target = realpathSync(dir);
    realRoot = realpathSync(root);
  } catch {
    target = dir;
    realRoot = root;
  }
  const rel = relative(realRoot, target);
  if (rel && !rel.startsWith('..') && !isAbsolute(rel)) return;
  throw new HandoutError('E_IO', `${dir} is a link to ${target}, outside the output folder ${root}: sheets are written only inside it`, {
    path: dir,
    hint: `Remove the link ${dir} (the folder is made when missing), or choose another --out folder.`,
  });
}
