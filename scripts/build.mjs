// Bundle the CLI into one CommonJS file. One file loads much faster than hundreds of small
// modules, which is most of a cold `handout generate` (see `npm run bench`).
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The options every bundle of src/ uses (scripts/bench-batch.mjs bundles the pipeline with them too). */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  // Some dependencies are ES modules that find their data files through import.meta.url.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build({ ...bundleOptions, entryPoints: ['src/cli/main.ts'], outfile: 'dist/handout.cjs' });
  // `handout batch` renders in worker threads, which start from a file of their own.
  await build({ ...bundleOptions, entryPoints: ['src/batch/worker.ts'], outfile: 'dist/batch-worker.cjs' });
  // PDFKit finds its data files (colour profile for PDF/A, standard-font metrics) next to the code.
  mkdirSync('dist/data', { recursive: true });
  cpSync('node_modules/pdfkit/js/data', 'dist/data', { recursive: true });
}
