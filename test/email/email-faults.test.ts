import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { PATIENTS, countByRecipient, emailCmd, readLog, setUp, writeAppointments } from '../helpers/email-setup.js';
import { smtpPerTest, type Received } from '../helpers/smtp.js';
import { fillDisk, mountTmpfs } from '../helpers/tmpfs.js';

const smtp = smtpPerTest();

/** Per recipient, the distinct Message-IDs received. */
function idsByRecipient(received: Received[]): Record<string, string[]> {
  const ids: Record<string, Set<string>> = {};
  for (const r of received) (ids[r.rcptTo[0]!] ??= new Set()).add(r.mail.messageId ?? '(none)');
  return Object.fromEntries(Object.entries(ids).map(([k, v]) => [k, [...v]]));
}

describe('email: nothing twice under faults, a corrected visit sent again', () => {
  it('a server that answers the end of the message late (after the command timeout) gets each message once', async () => {
    const server = await smtp.start({ onMessage: () => ({ delayMs: 1200 }) });
    // A connection each, so the three late answers are waited for at once.
    const s = setUp(PATIENTS.slice(0, 3), { url: server.url(), timeoutSeconds: 0.5, maxConnections: 3 });
    const r = await runCli(emailCmd(s));
    expect(r.stdout).toContain('3 sent');
    expect(r.status).toBe(0);
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 1, 'bruno@example.com': 1, 'chiara@example.com': 1 });
  });

  it('a corrected date is sent again, marked as an update; an unchanged visit is still sent once', async () => {
    const server = await smtp.start();
    const rows: Record<string, string>[] = PATIENTS.slice(0, 3).map((p) => ({ ...p }));
    const s = setUp(rows, { url: server.url() });
    expect((await runCli(emailCmd(s))).status).toBe(0);
    rows[1] = { ...rows[1]!, date: '2026-11-24T10:15' }; // the front desk fixes Bruno's date
    writeAppointments(s.dir, rows);
    const again = await runCli(emailCmd(s));
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('1 sent');
    expect(again.stdout).toContain('2 skipped');
    const got = await server.received();
    expect(countByRecipient(got)).toEqual({ 'ada@example.com': 1, 'bruno@example.com': 2, 'chiara@example.com': 1 });
    const [first, update] = got.filter((g) => g.rcptTo[0] === 'bruno@example.com');
    expect(first!.mail.subject).toBe('Your aftercare instructions from Juniper Skin Studio');
    expect(update!.mail.subject).toBe('Updated: your aftercare instructions from Juniper Skin Studio');
    expect(update!.mail.text).toContain('This sheet replaces the one we sent you before');
    expect(update!.mail.text).toContain('Tuesday, November 24, 2026');
    expect(update!.mail.messageId).not.toBe(first!.mail.messageId);
    // A changed treatment is an update too; a third run with nothing changed sends nothing.
    rows[2] = { ...rows[2]!, treatment: 'aggressive' };
    writeAppointments(s.dir, rows);
    expect((await runCli(emailCmd(s))).stdout).toContain('1 sent');
    expect((await runCli(emailCmd(s))).stdout).toContain('0 sent');
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 1, 'bruno@example.com': 2, 'chiara@example.com': 2 });
  });

  it('a client killed while the server holds its message: the next run sends it again with the same Message-ID', async () => {
    const server = await smtp.start({ onMessage: () => 'kept-then-hang' });
    const s = setUp(PATIENTS.slice(0, 1), { url: server.url(), maxConnections: 1 });
    const child = spawn(process.execPath, [BIN, ...emailCmd(s)], { cwd: ROOT, env: { ...process.env, HANDOUT_CONFIG: '', HANDOUT_SMTP_URL: '' }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while (server.counts.messages === 0) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    await exited;
    server.options.onMessage = undefined;
    const r = await runCli(emailCmd(s));
    expect(r.status).toBe(0);
    const got = await server.received();
    expect(got).toHaveLength(2);
    expect(idsByRecipient(got)).toEqual({ 'ada@example.com': [got[0]!.mail.messageId] });
    expect((await runCli(emailCmd(s))).stdout).toContain('0 sent');
  });

  it('an answer lost after the whole message was sent is "unknown": not retried at once, sent again next run with the same Message-ID', async () => {
    const server = await smtp.start({ onMessage: (n) => (n === 1 ? 'kept-then-drop' : 'accept') });
    const s = setUp(PATIENTS.slice(0, 1), { url: server.url(), maxConnections: 1 });
    const r = await runCli(emailCmd(s));
    expect(r.status).toBe(7);
    expect(r.stdout).toContain('outcome unknown');
    expect(server.counts.messages).toBe(1);
    expect(readLog(s.out, { intents: true }).map((e) => e.status)).toEqual(['sending', 'unknown']);
    expect((await runCli(emailCmd(s))).status).toBe(0);
    const got = await server.received();
    expect(got).toHaveLength(2);
    expect(idsByRecipient(got)['ada@example.com']).toHaveLength(1);
  });

  it('a disk that fills up while sending stops the run (exit 5) and sends nobody a second, different message', async (ctx) => {
    const disk = mountTmpfs('size=5m');
    if (typeof disk === 'string') {
      console.warn(`skipped: ${disk}`);
      return ctx.skip(disk);
    }
    onTestFinished(() => disk.unmount());
    const server = await smtp.start();
    const s = setUp(PATIENTS.slice(0, 4), { url: server.url(), maxConnections: 1 });
    const out = join(disk.dir, 'out');
    mkdirSync(out);
    const cmd = emailCmd({ ...s, out });
    // The sheets are made first; then the log has room for about one line more.
    expect((await runCli(['batch', s.file, '--out', out, '--config', s.config])).status).toBe(0);
    // A log of earlier runs (another day's line) fills most of its last block; one block is left for the lock file.
    writeFileSync(join(out, 'delivery-log.jsonl'), JSON.stringify({ note: 'x'.repeat(3400) }) + '\n');
    fillDisk(disk.dir, 4096);
    const full = await runCli(cmd);
    expect(full.status).toBe(5);
    expect(full.stderr).toMatch(/is full/);
    const log = readFileSync(join(out, 'delivery-log.jsonl'), 'utf8');
    expect(log.endsWith('\n')).toBe(true);
    rmSync(join(disk.dir, 'filler'));
    const r = await runCli(cmd);
    expect(r.status).toBe(0);
    const ids = idsByRecipient(await server.received());
    expect(Object.keys(ids).sort()).toEqual(PATIENTS.slice(0, 4).map((p) => p.email).sort());
    for (const [to, list] of Object.entries(ids)) expect(list, to).toHaveLength(1);
  });
});
