import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLINIC_EMAIL, PATIENTS, countByRecipient, emailCmd, readLog, setUp, writeClinic } from '../helpers/email-setup.js';
import { runCli } from '../helpers/cli.js';
import { smtpPerTest } from '../helpers/smtp.js';

const smtp = smtpPerTest();

describe('handout email when things go wrong (the real command, a real SMTP server on 127.0.0.1)', () => {
  it('retries a 421 answer with backoff, and reports it when it does not go away', async () => {
    const server = await smtp.start({ onMailFrom: (n) => (n <= 2 ? '421' : 'ok') });
    const s = setUp(PATIENTS.slice(0, 3), { url: server.url() });
    const r = await runCli(emailCmd(s));
    expect(r.status).toBe(0);
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 1, 'bruno@example.com': 1, 'chiara@example.com': 1 });
    const log = readLog(s.out);
    const retried = log.filter((e) => e.status === 'failed');
    expect(retried).toHaveLength(2);
    for (const e of retried) expect(e).toMatchObject({ permanent: false, response: expect.stringContaining('421') });
    expect(log.filter((e) => e.status === 'accepted' && e.attempt === 2)).toHaveLength(2);

    server.options.onMailFrom = () => '421';
    const again = await runCli(emailCmd(s, '--resend'));
    expect(again.status).toBe(7);
    expect(again.stdout).toMatch(/failed +line \d \w+@example\.com: 421 /);
    expect(again.stdout).toContain('3 failed');
    // Each message at most 3 tries; once one has used them all, the others are not tried further.
    const tries = readLog(s.out).slice(log.length);
    expect(tries.every((e) => e.status === 'failed' && e.attempt <= 3)).toBe(true);
    expect(tries.length).toBeLessThanOrEqual(6);
  });

  it('a wrong password stops the run without showing the password; the right one sends everything', async () => {
    const server = await smtp.start({ auth: { user: 'clinic', pass: 'right horse' } });
    const s = setUp(PATIENTS.slice(0, 4), { url: 'smtp://nobody@127.0.0.1:9' }); // the environment wins over the config
    const secret = 'Wr0ng-Battery-Staple';
    const r = await runCli(emailCmd(s), { env: { HANDOUT_SMTP_URL: server.url('clinic', secret) } });
    expect(r.status).toBe(7);
    expect(r.stdout).toContain('the server refused the login');
    expect(r.stdout).toContain('535');
    expect(r.stdout).toContain(`smtp://clinic:****@127.0.0.1:${server.port}`);
    expect(r.stdout).toContain('4 failed');
    const log = readFileSync(join(s.out, 'delivery-log.jsonl'), 'utf8');
    for (const text of [r.stdout, r.stderr, log]) expect(text).not.toContain(secret);
    expect(readLog(s.out).length).toBeLessThanOrEqual(2); // one try per open connection, no retries
    expect(await server.received()).toEqual([]);

    const ok = await runCli(emailCmd(s, '--json'), { env: { HANDOUT_SMTP_URL: server.url('clinic', 'right horse') } });
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ ok: true, via: `smtp://clinic:****@127.0.0.1:${server.port}`, counts: { sent: 4, failed: 0 } });
    expect(ok.stdout).not.toContain('right horse');
    expect(Object.keys(countByRecipient(await server.received()))).toHaveLength(4);
  });

  it('reports a server that is not there (connection refused) after a few tries, without trying every row', async () => {
    const gone = await smtp.start();
    const port = gone.port;
    await gone.close();
    const s = setUp(PATIENTS.slice(0, 4), { url: `smtp://127.0.0.1:${port}` });
    const r = await runCli(emailCmd(s));
    expect(r.status).toBe(7);
    expect(r.stdout).toContain('connection failed: ECONNREFUSED');
    expect(r.stdout).toContain('4 failed');
    expect(readLog(s.out).length).toBeLessThanOrEqual(6); // 3 tries for each message in flight, then stop
  });

  it('gives up on a server too slow to answer (timeout), and sends once it is back', async () => {
    const server = await smtp.start({ onConnect: () => ({ delayMs: 1500 }) });
    const s = setUp(PATIENTS.slice(0, 3), { url: server.url(), timeoutSeconds: 0.3, attempts: 2 });
    const r = await runCli(emailCmd(s));
    expect(r.status).toBe(7);
    expect(r.stdout).toContain('timed out: no answer from the server within 0.3s');
    expect(r.stdout).toContain('sending stopped early');
    expect(r.stdout).toContain('3 failed');
    expect(readLog(s.out).length).toBeLessThanOrEqual(4); // 2 tries for each message in flight, then stop

    server.options.onConnect = undefined;
    const again = await runCli(emailCmd(s));
    expect(again.status).toBe(0);
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 1, 'bruno@example.com': 1, 'chiara@example.com': 1 });
  });

  it('refuses line breaks and other tricks in header fields, naming the field, and still sends the good rows', async () => {
    const server = await smtp.start();
    const rows = [
      { name: 'Eve Mallory\r\nBcc: victim@example.com', treatment: 'standard', date: '2026-11-23T09:00', email: 'eve@example.com' },
      { name: 'Mallory Eve', treatment: 'standard', date: '2026-11-23T09:00', email: 'mallory@example.com\r\nBcc: victim@example.com' },
      { name: 'Trent Example', treatment: 'standard', date: '2026-11-23T09:00', email: 'trent@example.com, victim@example.com' },
      { name: 'Walter Example', treatment: 'standard', date: '2026-11-23T09:00', email: 'walter@example.com\u0000' },
      PATIENTS[0],
    ];
    const s = setUp(rows, { url: server.url() });
    const r = await runCli(emailCmd(s));
    expect(r.status).toBe(6);
    expect(r.stdout).toMatch(/rejected +line 1: name: must not contain line breaks/);
    expect(r.stdout).toMatch(/rejected +line 2: email: must not contain line breaks/);
    expect(r.stdout).toMatch(/rejected +line 3: email: "trent@example.com, victim@example.com" is not an email address/);
    expect(r.stdout).toMatch(/rejected +line 4: email: must not contain/);
    const received = await server.received();
    expect(received.map((x) => x.rcptTo)).toEqual([['ada@example.com']]);
    expect(received[0]!.mail.headers.has('bcc')).toBe(false);

    // generate --email checks the address before making anything.
    const g = await runCli(['generate', '--name', 'Eve Mallory', '--treatment', 'standard', '--date', '2026-11-23T09:00', '--out', s.out, '--config', s.config, '--email', 'eve@example.com\nBcc: victim@example.com']);
    expect(g.status).toBe(2);
    expect(g.stderr).toContain('--email');
    expect(existsSync(join(s.out, '2026-11-23_eve-mallory_standard.pdf'))).toBe(false);

    // A sender name with a line break in the clinic config is a set-up error.
    const bad = writeClinic(s.dir, { url: server.url() }, { ...CLINIC_EMAIL, name: 'Juniper\nBcc: victim@example.com' });
    const c = await runCli(emailCmd({ ...s, config: bad }));
    expect(c.status).toBe(3);
    expect(c.stderr).toContain('email.name');
    expect((await server.received()).length).toBe(1);
  });

});
