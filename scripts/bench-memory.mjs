// Memory of a long-lived process (the server, a huge batch): 50,000 sheets with distinct names and
// dates made in one process, one Resources, and the process's RSS along the way. Every cache is a
// bounded memo (src/memo.ts), so RSS must level off, not grow with the number of sheets.
// Run alone with `node --expose-gc scripts/bench-memory.mjs` (after `npm run build`), or from
// scripts/bench.mjs through run(). BENCH_MEMORY_N sets the number of sheets.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const SYLLABLES = ['ma', 'ya', 'zo', 'ë', 'łu', 'ka', 'sz', 'da', 'na', 'ri', 'so', 'fí', 'wen', 'chi', 'di', 'ok', 'on', 'kwo', 'rey', 'es'];
/** A distinct made-up name for every i (base-20 digits as syllables). */
function nameOf(i) {
  const word = (n) => {
    let s = '';
    do {
      s += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length);
    } while (n > 0);
    return s[0].toUpperCase() + s.slice(1);
  };
  return `${word(i)} ${word(i * 7919 + 13)}`;
}

export async function run({ count = Number(process.env.BENCH_MEMORY_N ?? 50_000), log = console.log } = {}) {
  const lib = require(join(ROOT, 'dist', 'lib.cjs'));
  const { DateTime } = require('luxon');
  const now = DateTime.fromISO('2026-11-23T08:00', { zone: 'America/Los_Angeles' });
  const resources = new lib.Resources({ config: lib.EXAMPLE_CLINIC });
  // In the clinic's zone, so every local time exists (none falls in a spring-forward gap).
  const start = DateTime.fromISO('2026-01-01T08:00', { zone: 'America/Los_Angeles' });
  const mb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
  const marks = [1_000, 10_000, 25_000, 50_000, 100_000].filter((m) => m <= count);
  const seen = [];
  let peak = 0;
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    // Distinct minutes over a year: a new date and time for every sheet.
    const at = start.plus({ minutes: i * 11 });
    const row = { name: nameOf(i), treatment: i % 3 ? 'standard' : 'aggressive', date: at.toFormat("yyyy-MM-dd'T'HH:mm"), area: i % 4 ? 'Full face' : 'Under-eye', concern: i % 2 ? 'Acne scarring' : 'Fine lines' };
    await lib.makeHandout(resources, lib.validateVisit(resources, row, { now }), { now });
    if (i % 500 === 0) peak = Math.max(peak, mb());
    if (marks.includes(i + 1)) {
      globalThis.gc?.();
      seen.push(`${(i + 1).toLocaleString('en-US')}: ${mb()} MB`);
    }
  }
  peak = Math.max(peak, mb());
  log(`memory, one process, ${count.toLocaleString('en-US')} sheets with distinct names and dates (${((performance.now() - t0) / count).toFixed(2)} ms/sheet)`);
  log(`  RSS after ${seen.join(', ')}`);
  log(`  peak RSS: ${peak} MB (target: flat after the first thousands)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
