import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The package's own folder (where rules/, templates/, fonts/ and examples/ live), found by walking
 * up from this file: it works the same from src/ under the test runner and from the dist/ bundle.
 */
function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'rules')) && existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the package folder above ${start}`);
    dir = up;
  }
}

export const ROOT = findRoot(__dirname);
export const RULES_DIR = join(ROOT, 'rules');
export const TEMPLATES_DIR = join(ROOT, 'templates');
export const FONTS_DIR = join(ROOT, 'fonts');
export const EXAMPLE_CLINIC = join(ROOT, 'examples', 'clinic.json');
