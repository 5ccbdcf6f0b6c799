import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Hono } from 'hono';
import { createRequire } from 'node:module';
import { ROOT } from '../paths.js';

/** The page's CSS and scripts: plain files, no build step, read once at start from the package folder. */
export const STATIC_DIR = join(ROOT, 'src', 'server', 'static');

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

/** pdf.js draws the preview in the page (every browser the same, tablets included), served from node_modules. */
const VENDOR = ['pdfjs-dist/build/pdf.min.mjs', 'pdfjs-dist/build/pdf.worker.min.mjs'];

export function staticRoutes(app: Hono): void {
  const files = new Map<string, { body: string; type: string }>();
  for (const name of readdirSync(STATIC_DIR)) {
    const type = TYPES[extname(name)];
    if (type) files.set(name, { body: readFileSync(join(STATIC_DIR, name), 'utf8'), type });
  }
  const require = createRequire(join(ROOT, 'package.json'));
  for (const id of VENDOR) files.set(id.split('/').pop()!, { body: readFileSync(require.resolve(id), 'utf8'), type: TYPES['.mjs']! });
  app.get('/static/:name', (c) => {
    const file = files.get(c.req.param('name'));
    if (!file) return c.text('not found', 404);
    return c.body(file.body, 200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
  });
}
