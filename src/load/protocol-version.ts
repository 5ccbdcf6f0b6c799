import { createHash, type Hash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * A short hash of every file a sheet's wording comes from: the bundled rules (and their areas and
 * concerns), each language's sheet strings, and the clinic's protocol folder. Printed in the footer
 * when the clinic gives no `version` label of its own, and recorded with every sheet made and sent,
 * so the clinic can tell which wording a patient got.
 */
export function protocolHash(rulesDir: string, templatesDir: string, clinicDir: string | undefined): string {
  const hash = createHash('sha256').update('handout protocol v1\0');
  hashTree(hash, rulesDir, rulesDir, () => true);
  if (existsSync(templatesDir)) hashTree(hash, templatesDir, templatesDir, (name) => name === 'sheet.json');
  if (clinicDir) hashTree(hash, clinicDir, clinicDir, (name) => !name.startsWith('.'));
  return hash.digest('hex').slice(0, 7);
}

function hashTree(hash: Hash, root: string, dir: string, keep: (name: string) => boolean): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(hash, root, path, keep);
    else if (keep(name)) hash.update(`\0${relative(root, path)}\0`).update(readFileSync(path));
  }
}
