import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { clinicWith } from './clinic.js';

/** A copy of the example clinic with a protocol folder holding these files (objects are written as JSON). */
export function clinicWithProtocol(files: Record<string, unknown>, changes: Record<string, unknown> = {}): { config: string; dir: string } {
  const config = clinicWith({ protocol: './protocol', ...changes });
  const dir = join(config, '..', 'protocol');
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return { config, dir };
}
