import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { PATIENTS, byRecipient, countByRecipient, emailCmd, expectHandoutFor, readLog, setUp } from '../helpers/email-setup.js';
import { readPdf } from '../helpers/pdf.js';
import { runCli, spawnCli } from '../helpers/cli.js';
import { smtpPerTest } from '../helpers/smtp.js';

const smtp = smtpPerTest();

describe('handout email (the real command, a real SMTP server on 127.0.0.1)', () => {
  it("sends each patient their own sheet; a refused recipient fails alone and is reported; names are not HTML", async () => {
    const server = await smtp.start({ refuse: ['bruno@example.com'] });
    const obrien = { id: 'E-9', name: "<b>O'Brien</b>", treatment: 'standard', date: '2026-11-23T17:00', email: 'obrien@example.com' };
    const s = setUp([...PATIENTS.slice(0, 3), obrien], { url: server.url() });
    // The real, built command as a separate process; the other tests run it in-process.
    const r = await spawnCli(emailCmd(s));
    expect(r.status).toBe(7);
    expect(r.stdout).toMatch(/failed +line 2 bruno@example\.com: the server refused the recipient: 550 .*\(permanent\)/);
    expect(r.stdout).toContain(`3 sent via smtp://127.0.0.1:${server.port}`);
    expect(r.stdout).toContain('run the same command again to retry the failed ones');
    expect(r.stderr).not.toMatch(/\n\s+at /);

    const got = byRecipient(await server.received());
    expect([...got.keys()].sort()).toEqual(['ada@example.com', 'chiara@example.com', 'obrien@example.com']);
    await expectHandoutFor(got.get('ada@example.com')!, PATIENTS[0], '9:30 AM');
    await expectHandoutFor(got.get('chiara@example.com')!, PATIENTS[2], '11:00 AM');
    const o = got.get('obrien@example.com')!;
    await expectHandoutFor(o, obrien, '5:00 PM');
    expect(o.mail.html).toContain('Hello &lt;b&gt;O&#x27;Brien&lt;/b&gt;,');
    expect(o.mail.html).not.toContain("<b>O'Brien</b>");

    const log = readLog(s.out);
    expect(log.filter((e) => e.status === 'accepted').map((e) => e.to).sort()).toEqual(['ada@example.com', 'chiara@example.com', 'obrien@example.com']);
    const refused = log.filter((e) => e.to === 'bruno@example.com');
    expect(refused).toMatchObject([{ status: 'failed', permanent: true, attempt: 1, line: 2, id: 'E-2' }]); // permanent: not retried
    for (const e of log) expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the server drops every connection in the middle of a batch: a rerun sends the rest, everyone gets exactly one email', async () => {
    let down = false;
    const server = await smtp.start({
      onConnect: () => (down ? '421' : 'ok'),
      onMessage: (n) => (n === 4 ? ((down = true), 'drop') : 'accept'),
    });
    const s = setUp(PATIENTS, { url: server.url() });
    const first = await runCli(emailCmd(s));
    expect(first.status).toBe(7);
    expect(first.stdout).toContain('3 sent');
    expect(first.stdout).toContain('3 failed');
    expect(first.stdout).toContain('run the same command again to retry the failed ones');
    expect((await server.received()).length).toBe(3);

    down = false;
    const second = await runCli(emailCmd(s));
    expect(second.status).toBe(0);
    expect(second.stdout).toContain('3 sent');
    expect(second.stdout).toContain('3 skipped (already sent)');

    const received = await server.received();
    expect(countByRecipient(received)).toEqual(Object.fromEntries(PATIENTS.map((p) => [p.email, 1])));
    for (const got of received) {
      const patient = PATIENTS.find((p) => p.email === got.rcptTo[0])!;
      expect((await readPdf(got.mail.attachments[0]!.content)).text).toContain(patient.name);
    }
  });

  it('without SMTP settings writes standard .eml files to <out>/outbox/ and says so; --dry-run too, even with SMTP', async () => {
    const s = setUp(PATIENTS.slice(0, 2));
    const r = await runCli(emailCmd(s));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`no SMTP server is configured (set HANDOUT_SMTP_URL or smtp.url in the clinic config): 2 message(s) written to ${join(s.out, 'outbox')}/`);
    const outbox = join(s.out, 'outbox');
    const files = readdirSync(outbox).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^2026-11-23_ada-lindqvist_standard_[0-9a-f]{8}\.eml$/);
    const mail = await simpleParser(readFileSync(join(outbox, files[0]!)));
    await expectHandoutFor({ rcptTo: ['ada@example.com'], mail }, PATIENTS[0], '9:30 AM');

    // A rerun replaces the files; it does not add copies.
    expect((await runCli(emailCmd(s))).status).toBe(0);
    expect(readdirSync(outbox).sort()).toEqual(files);

    const server = await smtp.start();
    const d = setUp(PATIENTS.slice(0, 2), { url: server.url() });
    const dry = await runCli(emailCmd(d, '--dry-run'));
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--dry-run: nothing was sent; 2 message(s) written to');
    expect(readdirSync(join(d.out, 'outbox'))).toHaveLength(2);
    expect(await server.received()).toEqual([]);
  });

  it('never sends the same email twice on a rerun; --resend sends again on purpose; generate --email too', async () => {
    const server = await smtp.start();
    const s = setUp(PATIENTS.slice(0, 2), { url: server.url() });
    expect((await runCli(emailCmd(s))).status).toBe(0);
    const rerun = await runCli(emailCmd(s, '--json'));
    expect(rerun.status).toBe(0);
    const report = JSON.parse(rerun.stdout);
    expect(report.counts).toMatchObject({ sent: 0, skipped: 2, failed: 0 });
    expect(report.rows[0]).toMatchObject({ line: 1, id: 'E-1', to: 'ada@example.com', status: 'skipped', detail: expect.stringContaining('already sent') });
    expect(report.rows[0]).not.toHaveProperty('name');
    expect((await server.received()).length).toBe(2);

    const resend = await runCli(emailCmd(s, '--resend'));
    expect(resend.status).toBe(0);
    expect(resend.stdout).toContain('2 sent');
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 2, 'bruno@example.com': 2 });

    const gen = ['generate', '--name', 'Gia Moreau', '--treatment', 'aggressive', '--date', '2026-11-23T14:30', '--out', s.out, '--config', s.config, '--email', 'gia@example.com'];
    const g1 = await runCli(gen);
    expect(g1.status).toBe(0);
    expect(g1.stdout.split('\n')[0]).toBe(join(s.out, '2026-11-23_gia-moreau_aggressive.pdf'));
    expect(g1.stdout).toContain(`emailed to gia@example.com via smtp://127.0.0.1:${server.port}`);
    const g2 = await runCli(gen);
    expect(g2.status).toBe(0);
    expect(g2.stdout).toContain('not emailed again');
    const gia = (await server.received()).filter((x) => x.rcptTo[0] === 'gia@example.com');
    expect(gia).toHaveLength(1);
    await expectHandoutFor(gia[0]!, { name: 'Gia Moreau', email: 'gia@example.com', treatment: 'aggressive' }, '2:30 PM');
  });
});
