// An esbuild plugin that turns some dependencies of PDFKit and fontkit into lazy stand-ins: the real
// module is bundled but only initialised on first use. Each of these decodes tables when it loads
// (Unicode data, a Brotli dictionary, AES tables) and none is needed to make a sheet: we do not
// shape text, wrap with PDFKit, read WOFF2 fonts or encrypt. Together they were about a quarter of
// a cold `handout generate`.
const LAZY = {
  // fontkit itself: a sheet of common characters needs none of it (src/pdf/font-bases.ts); the
  // first other character or subset loads it
  fontkit: { named: ['create'] },
  // fontkit's text shaping
  'unicode-properties': { named: ['getCategory', 'getCombiningClass', 'getScript', 'isDigit', 'isMark'] },
  // fontkit's WOFF2 reader: never used (the fonts are TTF), and half a megabyte of dictionary, so
  // not even bundled
  'brotli/decompress.js': { unavailable: 'WOFF2 fonts are not supported; use the TTF files in fonts/' },
  // PDFKit's own line wrapping
  linebreak: { defaultClass: true },
  // fontkit's shapers each decode a Unicode trie when fontkit loads; only shaping reads them (get)
  'unicode-trie': { lazyInstance: ['get'] },
  // PDFKit's encryption
  '@noble/ciphers/aes': { named: ['cbc', 'ecb'] },
  // Handlebars' compiler: the bundled templates are precompiled (scripts/precompile-templates.mjs)
  // and rendered by handlebars/runtime; only a clinic's own texts and the email's HTML compile
  'handlebars': { defaultMethods: ['create'] },
  // commander's only use of it is running a subcommand from its own executable, which handout has
  // none of; loading it loads net, dgram and their bindings
  'node:child_process': { named: ['spawn'] },
};

export const lazyModules = {
  name: 'lazy-modules',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map((k) => k.replace(/[./]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => {
      if (args.namespace === 'lazy') return undefined; // the stand-in's own require: the real module
      return { path: args.path, namespace: 'lazy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => {
      const spec = LAZY[args.path];
      if (spec.unavailable) return { contents: `export default function () { throw new Error(${JSON.stringify(spec.unavailable)}); }`, loader: 'js' };
      const lines = [`let m; const load = () => (m ??= require(${JSON.stringify(args.path)}));`];
      for (const name of spec.named ?? []) lines.push(`export function ${name}(...a) { return load().${name}(...a); }`);
      if (spec.defaultFunction) lines.push('export default function (...a) { return load()(...a); }');
      if (spec.defaultMethods) lines.push(`export default { ${spec.defaultMethods.map((m) => `${m}(...a) { return load().${m}(...a); }`).join(', ')} };`);
      if (spec.defaultClass) lines.push('export default class { constructor(...a) { const C = load(); return new C(...a); } }');
      // An instance made now, built for real on the first call of one of its methods.
      if (spec.lazyInstance) {
        const methods = spec.lazyInstance.map((m) => `${m}(...x) { this.real ??= new (load())(...this.args); return this.real.${m}(...x); }`);
        lines.push(`export default class { constructor(...a) { this.args = a; } ${methods.join(' ')} }`);
      }
      return { contents: lines.join('\n'), loader: 'js', resolveDir: process.cwd() };
    });
  },
};
