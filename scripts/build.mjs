// Bundle the CLI into one CommonJS file. One file loads much faster than hundreds of small
// modules, which is most of a cold `handout generate` (see `npm run bench`).
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { lazyModules } from './lazy-modules.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [lazyModules],
  // Some dependencies are ES modules that find their data files through import.meta.url.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/handout.cjs' }),
  // The library API (src/index.ts), used by the benchmark.
  build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/lib.cjs' }),
]);
// PDFKit finds its data files (colour profile for PDF/A, standard-font metrics) next to the code.
mkdirSync('dist/data', { recursive: true });
cpSync('node_modules/pdfkit/js/data', 'dist/data', { recursive: true });

// Prime V8's code cache (see bin/handout.js) with one real run, so even the first sheet after an
// install starts fast. Best effort: a failure here is reported by the tests, not by the build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
for (const f of readdirSync('dist')) if (f.endsWith('.v8cache')) rmSync(join('dist', f));
const primeOut = mkdtempSync(join(tmpdir(), 'handout-prime-'));
spawnSync(process.execPath, ['bin/handout.js', 'generate', '--name', 'Cache Primer', '--treatment', 'standard', '--date', '2026-01-05T10:00', '--config', 'examples/clinic.json', '--out', primeOut], { stdio: 'ignore' });
rmSync(primeOut, { recursive: true, force: true });
