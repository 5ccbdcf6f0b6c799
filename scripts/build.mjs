// Bundle the CLI into one CommonJS file. One file loads much faster than hundreds of small
// modules, which is most of a cold `handout generate` (see `npm run bench`).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lazyModules } from './lazy-modules.mjs';
import { precompiledTemplates } from './precompile-templates.mjs';

/**
 * pdf.js's JPEG decoder (src/load/image/jpeg.ts), 90 KB that only a large JPEG logo needs: it gets
 * a file of its own beside the bundles (made below), required from there the first time it is used.
 * An ES module, so it cannot simply be left in node_modules for require() (Node 20.16 cannot).
 */
const IMAGE_DECODERS_FILE = 'pdf-image-decoders.cjs';
const imageDecodersApart = {
  name: 'image-decoders-apart',
  setup(b) {
    b.onResolve({ filter: /^pdfjs-dist\/image_decoders\// }, () => ({ path: `./${IMAGE_DECODERS_FILE}`, external: true }));
  },
};

/** The options every bundle of src/ uses (scripts/bench-batch.mjs bundles the pipeline with them too). */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Node 20 has \p{...} in regular expressions, but esbuild rewrites each such literal as
  // `new RegExp(...)` for any Node it thinks has older Unicode tables (20.16 included), which made
  // the per-character checks of every field (src/schema/clean-text.ts) build a RegExp per character.
  supported: { 'regexp-unicode-property-escapes': true },
  format: 'cjs',
  minify: true,
  keepNames: false,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [lazyModules, precompiledTemplates, imageDecodersApart],
  // Loaded from node_modules only on the paths that need them: ExcelJS when a workbook is read
  // (src/batch/read-xlsx.ts), nodemailer when an email is sent or written to the outbox, yaml when a
  // config or rule file is YAML. Bundled, their 1.4 MB of code would slow every cold start,
  // `generate` included: V8 reads and checks the whole bundle to use its code cache.
  external: ['exceljs', 'exceljs/*', 'nodemailer', 'nodemailer/*', 'yaml'],
  // Some dependencies are ES modules that find their data files through import.meta.url.
  // The PDFKit version bundled, which src/pdf/pdfkit/ checks against the one its internals were written for.
  define: { 'import.meta.url': '__importMetaUrl', __PDFKIT_VERSION__: JSON.stringify(JSON.parse(readFileSync('node_modules/pdfkit/package.json', 'utf8')).version) },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await Promise.all([
    // The server's libraries load from node_modules, and only for `handout serve`: bundled, they
    // would make every other command's cold start compile them too.
    build({ ...bundleOptions, entryPoints: ['src/cli/main.ts'], outfile: 'dist/handout.cjs', external: [...bundleOptions.external, 'hono', 'hono/*', '@hono/node-server', '@hono/node-server/*', 'pdf-lib'] }),
    // `handout batch` renders in worker threads, which start from a file of their own.
    build({ ...bundleOptions, entryPoints: ['src/batch/worker.ts'], outfile: 'dist/batch-worker.cjs' }),
    // bin/handout.js starts the batch's workers with this before it loads the CLI.
    build({ ...bundleOptions, entryPoints: ['src/batch/start-workers.ts'], outfile: 'dist/start-workers.cjs' }),
    // The library API (src/index.ts), used by the benchmark.
    build({ ...bundleOptions, entryPoints: ['src/index.ts'], outfile: 'dist/lib.cjs' }),
    build({ ...bundleOptions, plugins: [], entryPoints: ['node_modules/pdfjs-dist/image_decoders/pdf.image_decoders.mjs'], outfile: `dist/${IMAGE_DECODERS_FILE}` }),
  ]);
  // PDFKit finds its data files (colour profile for PDF/A, standard-font metrics) next to the code.
  mkdirSync('dist/data', { recursive: true });
  cpSync('node_modules/pdfkit/js/data', 'dist/data', { recursive: true });

  // Each font's base glyphs and their encoded subset, saved beside the bundle (src/pdf/font-bases.ts).
  const lib = createRequire(import.meta.url)('../dist/lib.cjs');
  const fonts = new lib.FontSet('fonts', {});
  writeFileSync(`${lib.FONT_BASES_FILE}.tmp`, lib.fontBasesJson(fonts.faces, fonts.keys));
  renameSync(`${lib.FONT_BASES_FILE}.tmp`, lib.FONT_BASES_FILE);

  // Prime V8's code caches (see bin/code-cache.js) with one real run, so even the first sheet after an
  // install starts fast. Best effort: a failure here is reported by the tests, not by the build.
  for (const f of readdirSync('dist')) if (f.endsWith('.v8cache')) rmSync(join('dist', f));
  const primeOut = mkdtempSync(join(tmpdir(), 'handout-prime-'));
  const generate = ['generate', '--name', 'Cache Primer', '--treatment', 'standard', '--date', '2026-01-05T10:00', '--config', 'examples/clinic.json', '--out', primeOut];
  spawnSync(process.execPath, ['bin/handout.js', ...generate], { stdio: 'ignore' });
  // `generate` runs under flags of its own (bin/handout.js): the cache of the other commands (the
  // default flags) is primed by the same run, loaded as bin/handout.js loads them.
  const loadAsOtherCommands = `const { loadBundle } = require('./bin/code-cache.js'); const cli = loadBundle(require('node:path').resolve('dist/handout.cjs')); cli.exports.main(${JSON.stringify(generate)}, { out() {}, err() {} }).then(() => cli.saveCache());`;
  spawnSync(process.execPath, ['-e', loadAsOtherCommands], { stdio: 'ignore' });
  // The batch has caches of its own: its CLI runs under other compiler flags (src/batch/start-workers.ts), and its workers load their own bundle.
  spawnSync(process.execPath, ['bin/handout.js', 'batch', 'examples/appointments.csv', '--jobs', '1', '--config', 'examples/clinic.json', '--out', primeOut], { stdio: 'ignore' });
  rmSync(primeOut, { recursive: true, force: true });
}
