// An esbuild plugin that puts the bundled templates, precompiled, in each bundle: it replaces
// src/load/precompiled-templates.ts (an empty map) with every text the bundled rules/ and
// templates/ compile, as Handlebars' precompiled JavaScript. The bundle then renders them with
// Handlebars' runtime: compiling them at run time (parsing, generating and evaluating code) was a
// tenth of a cold `handout generate`. A text the build did not see (a clinic's own) is compiled
// when it loads, as before.
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let made;

/** Bundle src/load/precompile-texts.ts on its own, run it, and return the module it writes. */
async function precompiledSource() {
  const entry = join(root, 'src', 'load', 'precompile-texts.ts');
  const out = await build({ entryPoints: [entry], bundle: true, platform: 'node', target: 'node20', format: 'cjs', write: false, logLevel: 'warning', external: ['yaml'] });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', '__filename', '__dirname', out.outputFiles[0].text)(mod, mod.exports, createRequire(entry), entry, dirname(entry));
  const { bundledTexts, precompiledModule } = mod.exports;
  return precompiledModule(bundledTexts(join(root, 'rules'), join(root, 'templates')));
}

export const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]load[\\/]precompiled-templates\.ts$/ }, async () => ({ contents: await (made ??= precompiledSource()), loader: 'js' }));
  },
};
