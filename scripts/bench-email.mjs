// Email throughput: 500 handouts made and emailed by the real, built CLI (`handout email`) to a
// real SMTP server (smtp-server) on 127.0.0.1. Run alone with `node scripts/bench-email.mjs`
// (after `npm run build`), or from scripts/bench.mjs through run().
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'handout.js');
const COUNT = 500;

/** `protect`: the clinic locks each emailed PDF with the date of birth (a second, encrypted render per message). */
export async function run({ count = COUNT, log = console.log, protect = false } = {}) {
  if (!existsSync(join(ROOT, 'dist', 'handout.cjs'))) throw new Error('dist/handout.cjs is missing: run `npm run build` first');
  const received = new Set();
  let first = 0;
  let last = 0;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'], // its built-in certificate has expired; loopback only anyway
    authOptional: true,
    onData(stream, session, cb) {
      stream.resume();
      stream.on('end', () => {
        first ||= performance.now();
        last = performance.now();
        for (const a of session.envelope.rcptTo) received.add(a.address);
        cb();
      });
    },
  });
  server.on('error', () => {});
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const port = server.server.address().port;

  const dir = mkdtempSync(join(tmpdir(), 'handout-bench-email-'));
  try {
    const clinic = JSON.parse(readFileSync(join(ROOT, 'examples', 'clinic.json'), 'utf8'));
    // The example's logo path is relative to its own folder.
    if (clinic.logo) clinic.logo = join(ROOT, 'examples', clinic.logo);
    const config = join(dir, 'clinic.json');
    writeFileSync(config, JSON.stringify({ ...clinic, email: { from: 'care@juniperskin.example', ...(protect && { protect: 'dob' }) }, smtp: { url: `smtp://127.0.0.1:${port}` } }));
    const rows = Array.from({ length: count }, (_, i) => {
      const n = String(i + 1).padStart(3, '0');
      const minutes = 8 * 60 + (i % 600);
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      return { id: `B-${n}`, name: `Bench Patient ${n}`, treatment: i % 3 ? 'standard' : 'aggressive', date: `2026-11-23T${time}`, email: `patient${n}@example.com`, ...(protect && { dob: `1985-04-${String((i % 28) + 1).padStart(2, '0')}` }) };
    });
    const file = join(dir, 'appointments.json');
    writeFileSync(file, JSON.stringify(rows));

    const start = performance.now();
    const result = await new Promise((resolveRun, reject) => {
      const child = spawn(process.execPath, [BIN, 'email', file, '--out', join(dir, 'out'), '--config', config, '--json'], {
        env: { ...process.env, HANDOUT_CONFIG: '', HANDOUT_SMTP_URL: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', (code) => resolveRun({ code, out }));
    });
    const seconds = (performance.now() - start) / 1000;
    if (result.code !== 0) throw new Error(`handout email exited ${result.code}: ${result.out.slice(0, 500)}`);
    if (received.size !== count) throw new Error(`the server received ${received.size} distinct messages, expected ${count}`);
    const rate = count / seconds;
    const sendRate = count / Math.max((last - first) / 1000, 1e-3);
    log(`email${protect ? ' (locked, email.protect "dob")' : ''}: ${count} handouts to loopback SMTP: ${rate.toFixed(1)} msg/s`);
    log(`  (the whole command, making ${count} sheets and sending them: ${seconds.toFixed(1)} s; the sending alone, first to last message at the server: ${sendRate.toFixed(0)} msg/s)`);
    return { count, seconds, rate, sendRate };
  } finally {
    await new Promise((r) => {
      for (const c of server.connections) c._socket.destroy();
      server.close(r);
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run()
    .then(() => run({ protect: true }))
    .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
