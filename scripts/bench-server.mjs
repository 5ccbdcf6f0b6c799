// Server benchmark: the real `handout serve` on 127.0.0.1, driven over HTTP.
//   1. 1,000 sheets (POST /api/handouts: made and written, as `handout generate`) with 8 clients at
//      once, wall time next to the floor of scripts/bench-batch.mjs (raw PDFKit + Helvetica, same
//      1,000 sheet texts, one thread);
//   2. p50/p95 of one request at a time: the checkout preview (POST /api/previews) and a written sheet;
//   3. the server's RSS after warm-up and after 10,000 more requests (distinct names and dates).
// Run alone with `node scripts/bench-server.mjs` (after `npm run build`), or through `npm run bench`.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { floor, sheetTexts, visits } from './bench-batch.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHEETS = Number(process.env.BENCH_SERVER_SHEETS ?? 1000);
const CLIENTS = 8;
const LATENCY = Number(process.env.BENCH_SERVER_LATENCY ?? 300);
const SOAK = Number(process.env.BENCH_SERVER_SOAK ?? 10_000);

const body = (v) => JSON.stringify({ name: v.name, treatment: v.treatment, date: `${v.date}T${v.time}`, area: v.area, concern: v.concern, ...(v.note && { note: v.note }) });

async function startServer(out) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'handout.js'), 'serve', '--port', '0', '--out', out, '--config', join(ROOT, 'examples', 'clinic.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((_, reject) => child.on('exit', (code) => reject(new Error(`handout serve exited ${code}`))));
  const url = Promise.race([exited, new Promise((resolve) => {
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
      const m = /open (http:\/\/\S+?)\/? /.exec(text);
      if (m) resolve(m[1]);
    });
  })]);
  // A clinic's server is up long before its first patient: the runs start once it has warmed up
  // (src/server/warm-up.ts), which it says on stderr, or says its warm-up stopped. The request log
  // is read and dropped.
  const warm = Promise.race([exited, new Promise((resolve) => {
    let text = '';
    child.stderr.on('data', (d) => {
      text += d;
      const m = /render threads(?: warmed up:|' warm-up stopped:) .*/.exec(text);
      if (m) resolve(m[0]);
      text = text.slice(-200);
    });
  })]);
  return { child, url: await url, warm: await warm };
}

// The clients: Node's own HTTP client on kept-alive connections, one per client, as a load tool
// (wrk, autocannon) would be. fetch (undici) spent about 2 ms of CPU per request on the same two
// cores the server has, a third of what the server spends making the sheet.
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function post(url, path, json, retry = true) {
  const u = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = http.request(u, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) } }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => {
        const bytes = Buffer.concat(parts);
        if (res.statusCode !== 200) reject(new Error(`${path} answered ${res.statusCode}: ${bytes.toString('utf8').slice(0, 200)}`));
        else resolve(bytes.length);
      });
      res.on('error', reject);
    });
    // A kept-alive connection the server closed while this process was busy with the floor: a new one.
    req.on('error', (e) => (retry && e.code === 'ECONNRESET' ? post(url, path, json, false).then(resolve, reject) : reject(e)));
    req.end(json);
  });
}

async function concurrent(url, bodies) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < bodies.length) await post(url, '/api/handouts', bodies[next++]);
    }),
  );
  return (performance.now() - start) / 1000;
}

async function latencies(url, path, bodies) {
  const times = [];
  for (const b of bodies) {
    const t0 = performance.now();
    await post(url, path, b);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)], p95: times[Math.floor(times.length * 0.95)] };
}

const rssMb = (pid) => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);

export async function run() {
  const dir = mkdtempSync(join(tmpdir(), 'handout-bench-server-'));
  const { child, url, warm } = await startServer(join(dir, 'out'));
  try {
    const rows = visits(SHEETS);
    const bodies = rows.map(body);
    // Warm-up: the JIT, and the server's caches, on other patients.
    await concurrent(url, visits(200).map((v) => body({ ...v, name: `${v.name} Warm` })));
    const walls = [];
    const floors = [];
    const texts = await sheetTexts(rows);
    for (let turn = 0; turn < 3; turn++) {
      walls.push(await concurrent(url, bodies));
      floors.push(await floor(texts));
    }
    const med = (xs) => [...xs].sort((a, b) => a - b)[1];
    const wall = med(walls);
    const fl = med(floors);
    const preview = await latencies(url, '/api/previews', bodies.slice(0, LATENCY));
    const written = await latencies(url, '/api/handouts', bodies.slice(0, LATENCY));
    const rssBefore = rssMb(child.pid);
    const soak = Array.from({ length: SOAK }, (_, i) => {
      const v = rows[i % rows.length];
      const day = String(1 + (i % 28)).padStart(2, '0');
      return body({ ...v, name: `${v.name} ${i}`, date: `2026-10-${day}` });
    });
    let next = 0;
    const steps = [];
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < soak.length) {
        await post(url, '/api/previews', soak[next++]);
        if (next % 2500 === 0) steps[next / 2500 - 1] = rssMb(child.pid);
      }
    }));
    const rssAfter = rssMb(child.pid);

    const s = (x) => `${x.toFixed(2)} s`;
    const ms = (x) => `${x.toFixed(1)} ms`;
    console.log(`(server: the real \`handout serve\` on 127.0.0.1, requests from this process with node:http on kept-alive connections, once the server said "${warm}"; median of 3 turns, server and floor taking turns)`);
    console.log(`server ${SHEETS.toLocaleString('en')} sheets, POST /api/handouts (made and written), ${CLIENTS} clients at once: ${s(wall)} wall [runs: ${walls.map((x) => x.toFixed(2)).join(', ')}]`);
    console.log(`floor  raw PDFKit + Helvetica, same ${SHEETS.toLocaleString('en')} texts, 1 thread: ${s(fl)} [runs: ${floors.map((x) => x.toFixed(2)).join(', ')}]`);
    const ratio = wall / fl;
    console.log(ratio < 1 ? `target met: the served sheets take ${(ratio * 100).toFixed(0)}% of the floor` : `target missed: the served sheets take ${ratio.toFixed(2)}x the floor`);
    console.log(`one request at a time (${LATENCY} each): preview p50 ${ms(preview.p50)}, p95 ${ms(preview.p95)} (target p95 < 25 ms); written sheet p50 ${ms(written.p50)}, p95 ${ms(written.p95)}`);
    console.log(`server RSS: ${rssBefore} MB after warm-up and the runs above, ${rssAfter} MB after ${SOAK.toLocaleString('en')} more previews (distinct names and dates); every 2,500: ${steps.join(', ')} MB`);
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
