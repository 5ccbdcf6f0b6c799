// The project's dependency rules, checked by `npm test` (test/architecture.test.ts) and by
// `npx depcruise src` for a readable report. Stages are layers: a file imports only its own layer
// and the layers below it (docs/architecture.md draws them).
/** Bottom to top. Each entry is a regular expression on the file's path. */
const LAYERS = [
  ['foundation', '^src/(errors|memo|paths)\\.ts$'],
  ['schema', '^src/schema/'],
  ['load', '^src/load/'],
  ['rules', '^src/rules/'],
  ['text', '^src/text/'],
  ['layout', '^src/layout/'],
  ['pdf', '^src/pdf/'],
  ['pipeline', '^src/(handout|resources)\\.ts$'],
  ['deliver', '^src/deliver/'],
  ['calendar', '^src/calendar/'],
  ['batch', '^src/batch/'],
  ['email', '^src/email/'],
  ['server', '^src/server/'],
  ['cli', '^src/(cli/|index\\.ts$)'],
];

const layering = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `layer-${name}`,
  severity: 'error',
  comment: `${name} is a lower stage: it must not import ${LAYERS.slice(i + 1).map(([n]) => n).join(', ')}`,
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `(${p})`).join('|') },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'import cycles', from: {}, to: { circular: true } },
    ...layering,
    {
      name: 'pdfkit-only-through-the-seam',
      severity: 'error',
      comment: 'only src/pdf/pdfkit/ may import PDFKit (its internals are typed and version-checked there)',
      from: { path: '^src/', pathNot: '^src/pdf/pdfkit/' },
      to: { path: '(^|/)node_modules/(@types/)?pdfkit/' },
    },
    {
      name: 'seam-internals-stay-inside',
      severity: 'error',
      comment: "the seam's _files are its own; use src/pdf/pdfkit/index.ts",
      from: { path: '^src/', pathNot: '^src/pdf/pdfkit/' },
      to: { path: '^src/pdf/pdfkit/_' },
    },
    {
      name: 'src-never-loads-bin',
      severity: 'error',
      comment: 'bin/ starts src/, never the other way round',
      from: { path: '^src/' },
      to: { path: '^bin/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^src/pdf/fontkit\\.d\\.ts$' },
  },
};
