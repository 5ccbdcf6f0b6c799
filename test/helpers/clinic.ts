import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXAMPLE_CONFIG, tempDir } from './cli.js';

/** A copy of the example clinic in a temp folder, with changes (e.g. a logo file next to it). */
export function clinicWith(changes: Record<string, unknown>, files: Record<string, Buffer> = {}): string {
  const dir = tempDir('handout-clinic-');
  const example = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
  // The example's logo path is relative to the example's folder.
  if (example.logo) example.logo = resolve(dirname(EXAMPLE_CONFIG), example.logo);
  const config = { ...example, ...changes };
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  const path = join(dir, 'clinic.json');
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}
