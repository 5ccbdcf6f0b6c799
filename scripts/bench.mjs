// `npm run bench`: speed figures, printed, never asserted. Measures the built code users run.
//   1. ms per handout in-process (validate -> plan -> text -> layout -> PDF bytes), after warm-up;
//   2. the floor: raw PDFKit with built-in Helvetica laying out the same text blocks;
//   3. a cold `handout generate` process next to a cold `node -e "require('pdfkit')"`, interleaved.
// Then the batch and email figures, where those benchmarks exist.
// BENCH_ONLY picks parts: `in-process`, `cold`, `batch`, `email`, `memory`, `server`, comma-separated
// (`BENCH_ONLY=cold node scripts/bench.mjs`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const lib = require(join(root, 'dist', 'lib.cjs'));
const PDFDocument = require('pdfkit');
const { DateTime } = require('luxon');

const N = Number(process.env.BENCH_N ?? 1000);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 15);
const now = DateTime.fromISO('2026-11-23T08:00', { zone: 'America/Los_Angeles' });
const FIRST = ['Maya', 'Zoë', 'Łukasz', 'Dana', 'Ana María', 'Chidi', 'Sofía', 'Wren'];
const LAST = ["O'Brien", 'Okonkwo', 'Żółkiewski', 'Reyes', 'García-López', 'Lindqvist', 'Nakamura'];
const visitRow = (i) => ({
  name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
  treatment: i % 3 === 0 ? 'aggressive' : 'standard',
  date: `2026-11-${String(23 + (i % 5)).padStart(2, '0')}T${String(9 + (i % 8)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
  area: i % 4 === 0 ? 'Cheeks and under-eye' : 'Full face',
  concern: i % 2 ? 'Acne scarring' : 'Texture',
  ...(i % 5 === 0 && { note: 'Stick with the gentle cleanser we gave you, and call if redness lasts past Friday.' }),
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function inProcess() {
  const resources = new lib.Resources({ config: lib.EXAMPLE_CLINIC });
  const make = (i) => lib.makeHandout(resources, lib.validateVisit(resources, visitRow(i), { now }), { now });
  for (let i = 0; i < 100; i++) await make(i); // warm-up: JIT, caches
  const t0 = performance.now();
  let first, last;
  for (let i = 0; i < N; i++) {
    const h = await make(i);
    if (i === 0) first = h;
    last = h;
  }
  const ms = (performance.now() - t0) / N;
  return { ms, texts: Array.from({ length: N }, (_, i) => sheetBlocks(lib.planHandout(resources, lib.validateVisit(resources, visitRow(i), { now }), now).text)), first, last };
}

/** The sheet's text as plain blocks, for the Helvetica floor. */
function sheetBlocks(text) {
  return [
    text.clinic.name,
    text.clinic.lines.join('\n'),
    lib.plain(text.title),
    ...text.patient.map(lib.plain),
    ...(text.note ? [`${text.note.label} ${text.note.text}`] : []),
    ...text.sections.flatMap((s) => [s.heading, ...s.items.map((i) => `• ${lib.plain(i.text)}`)]),
    lib.plain(text.footer),
  ];
}

function helveticaDoc(blocks) {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 40, compress: true });
    const chunks = [];
    doc.on('data', (c) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.font('Helvetica').fontSize(9);
    const colWidth = (612 - 80 - 22) / 2;
    let col = 0;
    doc.text(blocks[0], 40, 40, { width: 532 });
    for (const block of blocks.slice(1)) {
      if (doc.y > 740 && col === 0) {
        col = 1;
        doc.y = 120;
      }
      doc.text(block, 40 + col * (colWidth + 22), doc.y, { width: colWidth, height: 800 - doc.y, lineBreak: true });
    }
    doc.end();
  });
}

async function floor(texts) {
  for (let i = 0; i < 100; i++) await helveticaDoc(texts[i % texts.length]);
  const t0 = performance.now();
  for (const blocks of texts) await helveticaDoc(blocks);
  return (performance.now() - t0) / texts.length;
}

function cold() {
  const out = mkdtempSync(join(tmpdir(), 'handout-bench-'));
  const bin = join(root, 'bin', 'handout.js');
  const gen = [bin, 'generate', '--name', 'Maya Okonkwo', '--treatment', 'standard', '--date', '2026-11-23T14:30', '--out', out, '--config', lib.EXAMPLE_CLINIC];
  const req = ['-e', "require('pdfkit')"];
  const time = (args) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    return performance.now() - t0;
  };
  for (let i = 0; i < 3; i++) time(gen), time(req); // warm the disk cache
  const a = [], b = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    a.push(time(gen));
    b.push(time(req));
  }
  rmSync(out, { recursive: true, force: true });
  return { generate: median(a), requirePdfkit: median(b) };
}

const f = (x) => x.toFixed(2);
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (part) => !only || only.includes(part);
if (wanted('in-process')) {
  console.log(`single handout, in-process, ${N} handouts after warm-up`);
  const ours = await inProcess();
  const helv = await floor(ours.texts);
  console.log(`  handout (embedded Noto Sans, full pipeline): ${f(ours.ms)} ms/handout`);
  console.log(`  raw PDFKit + Helvetica, same text (floor):   ${f(helv)} ms/handout`);
  console.log(`  ratio to floor: ${f(ours.ms / helv)}x (target: no worse than 0.7x)`);
  console.log(`  PDF size: ${(ours.first.pdf.length / 1024).toFixed(1)} KiB`);
}
if (wanted('cold')) {
  const c = cold();
  console.log(`cold process, median of ${COLD_RUNS} interleaved runs`);
  console.log(`  handout generate:             ${f(c.generate)} ms`);
  console.log(`  node -e "require('pdfkit')":  ${f(c.requirePdfkit)} ms`);
  console.log(`  ratio: ${f(c.generate / c.requirePdfkit)}x (target <= 1.2x)`);
}
for (const part of ['batch', 'email', 'memory', 'server']) {
  const path = join(root, 'scripts', `bench-${part}.mjs`);
  if (wanted(part) && existsSync(path)) await (await import(path)).run();
  // The same emails with each PDF locked (email.protect "dob"): a second, encrypted render per message.
  if (part === 'email' && wanted(part)) await (await import(path)).run({ protect: true });
}
