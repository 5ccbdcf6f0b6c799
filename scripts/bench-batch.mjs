// Batch benchmark: `handout batch` on 1,000 and 5,000 made-up visits (wall time and peak memory),
// next to the floor: raw PDFKit with its built-in Helvetica rendering the same 1,000 sheet texts in
// one thread. Run alone with `node scripts/bench-batch.mjs` (after `npm run build`), or through
// `npm run bench`, which calls run().
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from './build.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const FIRST = ['Maya', 'Zoë', 'Łukasz', 'Ελένη', 'José', 'Aoife', 'Søren', 'Chloé', 'Dmitri', 'Priya', 'Mateo', 'Ingrid', 'Noor', 'Kwame', 'Hana', 'Beatriz'];
const LAST = ["O'Brien", 'Okonkwo-Lindqvist', 'Żółkiewski', 'Παπαδοπούλου', 'Martínez Peña', 'Nguyen', 'Müller', 'Dubois', 'Ivanova', 'Fernández', 'Kowalski', 'Haddad', 'Larsen', 'Rossi', 'Tanaka', 'Brennan'];
const AREAS = ['Full face', 'Cheeks and under-eye', 'Forehead', 'Neck', 'Décolletage'];
const CONCERNS = ['Fine lines', 'Acne scarring', 'Texture', 'Aging', 'Pigmentation'];
const NOTES = ['', '', 'Skin looked great today. Stick with the gentle cleanser we gave you.', 'Deeper settings on the cheeks today, so expect a bit more redness than last time.'];

/** Made-up visits spread over one clinic day (08:00 to 19:59), deterministic. */
export function visits(n) {
  return Array.from({ length: n }, (_, i) => ({
    id: `B-${100000 + i}`,
    name: `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`,
    treatment: i % 3 === 0 ? 'aggressive' : 'standard',
    date: '2026-11-23',
    time: `${String(8 + (i % 12)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}`,
    email: `patient${i}@example.com`,
    area: AREAS[i % AREAS.length],
    concern: CONCERNS[i % CONCERNS.length],
    note: NOTES[i % NOTES.length],
  }));
}

const cell = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function writeCsv(file, rows) {
  const header = ['ID', 'Name', 'Treatment', 'Date', 'Time', 'Email', 'Area', 'Concern', 'Note'];
  const keys = ['id', 'name', 'treatment', 'date', 'time', 'email', 'area', 'concern', 'note'];
  writeFileSync(file, [header.join(','), ...rows.map((r) => keys.map((k) => cell(r[k])).join(','))].join('\r\n') + '\r\n');
}

/**
 * The same rows as an Excel workbook, as booking systems export it: a title row above the header,
 * the date and the time as date cells. Written with ExcelJS's streaming writer.
 */
async function writeXlsx(file, rows) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Appointments');
  ws.addRow(['Appointments for Monday, November 23, 2026']).commit();
  ws.addRow(['ID', 'Name', 'Treatment', 'Date', 'Time', 'Email', 'Area', 'Concern', 'Note']).commit();
  for (const r of rows) {
    const [h, m] = r.time.split(':').map(Number);
    const row = ws.addRow([r.id, r.name, r.treatment, new Date(`${r.date}T00:00:00Z`), new Date(Date.UTC(1899, 11, 30, h, m)), r.email, r.area, r.concern, r.note || null]);
    row.getCell(4).numFmt = 'm/d/yyyy';
    row.getCell(5).numFmt = 'h:mm AM/PM';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

/** Run the real CLI; wall time from spawn to exit, and the peak RSS it reports with HANDOUT_BENCH=1. */
function timeBatch(csv, out) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'handout.js'), 'batch', csv, '--out', out, '--jobs', '2', '--config', join(ROOT, 'examples', 'clinic.json')], {
      env: { ...process.env, HANDOUT_BENCH: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (code !== 0) return reject(new Error(`handout batch exited ${code}: ${stderr}`));
      const rss = Number(/peak RSS (\d+) MB/.exec(stderr)?.[1]);
      const files = readdirSync(join(out, '2026-11-23')).filter((f) => f.endsWith('.pdf')).length;
      resolve({ seconds, rss, files, summary: stdout.trim() });
    });
  });
}

/** The project's own pipeline up to the text stage (planHandout), bundled on the fly. */
export async function sheetTexts(rows) {
  const file = join(ROOT, 'dist', 'bench-texts.cjs');
  await build({
    ...bundleOptions,
    stdin: {
      contents: "export { validateVisit, planHandout } from './src/handout.ts'; export { Resources } from './src/resources.ts'; export { plain } from './src/load/handlebars.ts'; export { EXAMPLE_CLINIC } from './src/paths.ts';",
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: file,
  });
  const { Resources, validateVisit, planHandout, plain, EXAMPLE_CLINIC } = require(file);
  for (const f of [file, `${file}.map`, `${file}.LEGAL.txt`]) rmSync(f, { force: true });
  const { DateTime } = require('luxon');
  const resources = new Resources({ config: EXAMPLE_CLINIC });
  const now = DateTime.now();
  return rows.map((r) => {
    const visit = validateVisit(resources, { ...r, date: `${r.date}T${r.time}`, time: undefined, note: r.note || undefined }, { now });
    const { text } = planHandout(resources, visit, now);
    const lines = [text.title, ...text.patient, ...(text.note ? [text.note.label, text.note.text] : []), ...text.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)]), text.footer];
    return lines.map(plain).join('\n');
  });
}

/** The floor: raw PDFKit, built-in Helvetica, one thread, buffers collected (nothing written). */
export async function floor(texts) {
  const PDFDocument = require('pdfkit');
  const start = performance.now();
  for (const block of texts) {
    const doc = new PDFDocument({ size: 'LETTER', margin: 40 });
    const chunks = [];
    const done = new Promise((resolve) => doc.on('end', resolve));
    doc.on('data', (c) => chunks.push(c));
    doc.font('Helvetica').fontSize(10).text(block, { width: 532 });
    doc.end();
    await done;
    Buffer.concat(chunks);
  }
  return (performance.now() - start) / 1000;
}

const RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 3);
const medianBy = (xs, key) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'handout-bench-batch-'));
  try {
    const small = visits(1000);
    const smallCsv = join(dir, 'appointments-1000.csv');
    const bigCsv = join(dir, 'appointments-5000.csv');
    const bigXlsx = join(dir, 'appointments-5000.xlsx');
    writeCsv(smallCsv, small);
    writeCsv(bigCsv, visits(5000));
    await writeXlsx(bigXlsx, visits(5000));
    mkdirSync(join(dir, 'out'));

    // The machine's speed wanders by several per cent from run to run (other tenants, the disk):
    // the batch and the floor each run three times, taking turns, and the medians are compared.
    const texts = await sheetTexts(small);
    const batches = [];
    const floors = [];
    for (let i = 0; i < RUNS; i++) {
      batches.push(await timeBatch(smallCsv, join(dir, 'out', `1000-${i}`)));
      floors.push(await floor(texts));
    }
    const again = await timeBatch(smallCsv, join(dir, 'out', '1000-0'));
    const b5 = await timeBatch(bigCsv, join(dir, 'out', '5000'));
    const x5 = await timeBatch(bigXlsx, join(dir, 'out', '5000-xlsx'));
    const b1 = medianBy(batches, (b) => b.seconds);
    const f = medianBy(floors, (x) => x);

    const s = (x) => `${x.toFixed(2)} s`;
    const all = (xs) => xs.map((x) => x.toFixed(2)).join(', ');
    console.log(`(batch: \`handout batch <csv> --jobs 2\` from spawn to exit; peak RSS = the process's maxRSS, main thread and worker threads together; median of ${RUNS} runs each, batch and floor taking turns)`);
    console.log(`batch  1,000 rows, --jobs 2, files written: ${s(b1.seconds)} wall, peak RSS ${b1.rss} MB (${b1.files} PDFs) [runs: ${all(batches.map((b) => b.seconds))}]`);
    console.log(`floor  raw PDFKit + Helvetica, same 1,000 texts, 1 thread: ${s(f)} [runs: ${all(floors)}]`);
    console.log(`batch  5,000 rows, --jobs 2, files written: ${s(b5.seconds)} wall, peak RSS ${b5.rss} MB (${b5.files} PDFs)`);
    console.log(`xlsx   5,000 rows (the same, as a workbook with date cells and a title row), --jobs 2: ${s(x5.seconds)} wall, peak RSS ${x5.rss} MB (${x5.files} PDFs)`);
    console.log(`       workbook / CSV: ${(x5.seconds / b5.seconds).toFixed(2)}x (target <= 1.3x); peak RSS ${x5.rss} MB vs ${b5.rss} MB`);
    console.log(`rerun  1,000 rows, all up to date: ${s(again.seconds)} wall`);
    const ratio = b1.seconds / f;
    console.log(ratio < 1 ? `target met: batch takes ${(ratio * 100).toFixed(0)}% of the floor` : `target missed: batch takes ${ratio.toFixed(2)}x the floor (${s(b1.seconds - f)} over)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
