import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { emailCmd, setUp } from '../helpers/email-setup.js';
import { startSmtp, type MessageAction, type Received, type TestSmtp } from '../helpers/smtp.js';

const VISITS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 200 made-up patients, one appointment each, every 2 minutes from 8:00. */
const rows = Array.from({ length: VISITS }, (_, i) => {
  const minutes = 8 * 60 + i * 2;
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { id: `F-${i}`, name: `Patient ${i} Example`, treatment: i % 4 ? 'standard' : 'aggressive', date: `2026-11-23T${time}`, email: `p${i}@example.com` };
});

describe('email under faults: 200 visits, a slow server that dies and comes back, a client killed at a random moment', () => {
  it('every patient gets their sheet, and every copy a patient gets carries the same Message-ID', async () => {
    // Random, but printed, so a failure can be replayed.
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const killAt = 10 + Math.floor(random() * 160); // the first run is killed once this many messages arrived
    const dieAt = killAt + 5 + Math.floor(random() * 20); // then, in the rerun, the server dies with this one kept but unanswered
    console.log(`fault seed ${seed}: the client is killed at message ${killAt}, the server dies at message ${dieAt}`);

    // Slow: most answers within 40 ms, every 20th after 700 ms (longer than the command timeout, 0.5 s).
    const slow = (n: number): MessageAction => ({ delayMs: n % 20 === 0 ? 700 : Math.floor(random() * 40) });
    let server: TestSmtp = await startSmtp();
    const port = server.port;
    const kept = server.kept;
    let restarted: Promise<void> | undefined;
    server.options.onMessage = (n) => {
      if (kept.length + 1 !== dieAt) return slow(n);
      // The server dies with this message kept and unanswered, and is back 400 ms later.
      restarted = (async () => {
        await sleep(0);
        await server.close();
        await sleep(400);
        server = await startSmtp({ port, keptBefore: kept, onMessage: slow });
      })();
      return 'kept-then-drop';
    };

    try {
      const s = setUp(rows, { url: `smtp://127.0.0.1:${port}`, timeoutSeconds: 0.5, dataTimeoutSeconds: 5, maxConnections: 3 });
      const child = spawn(process.execPath, [BIN, ...emailCmd(s)], { cwd: ROOT, env: { ...process.env, HANDOUT_CONFIG: '', HANDOUT_SMTP_URL: '' }, stdio: 'ignore' });
      let exited = false;
      const done = new Promise<void>((resolve) => child.on('exit', () => resolve(void (exited = true))));
      while (!exited && kept.length < killAt) await sleep(5);
      expect(exited, 'the first run ended before it could be killed').toBe(false);
      child.kill('SIGKILL');
      await done;

      // Rerun until a run ends cleanly (each rerun sends what is missing or unknown).
      const runs: number[] = [];
      for (let i = 0; i < 5 && runs.at(-1) !== 0; i++) {
        runs.push((await runCli(emailCmd(s))).status);
        await restarted;
      }
      expect(restarted, 'the server died and came back during the reruns').toBeDefined();
      expect(runs.at(-1), `exit codes of the reruns: ${runs.join(', ')}`).toBe(0);

      const received: Received[] = await Promise.all(kept);
      const ids = new Map<string, Set<string>>();
      for (const r of received) {
        const to = r.rcptTo[0]!;
        if (!ids.has(to)) ids.set(to, new Set());
        ids.get(to)!.add(r.mail.messageId!);
      }
      const missing = rows.filter((r) => !ids.has(r.email)).map((r) => r.email);
      const twoIds = [...ids].filter(([, set]) => set.size > 1).map(([to]) => to);
      expect(missing, 'patients who got nothing').toEqual([]);
      expect(twoIds, 'patients who got two different messages').toEqual([]);
      expect(ids.size).toBe(VISITS);
      console.log(`${received.length} messages received for ${VISITS} patients (${received.length - VISITS} repeats with the same Message-ID); reruns exited ${runs.join(', ')}`);
    } finally {
      await restarted;
      await server.close();
    }
  }, 90_000);
});
