import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { runCliAsync } from '../helpers/cli-async.js';
import { CLINIC_EMAIL, PATIENTS, countByRecipient, readLog, writeAppointments, writeClinic } from '../helpers/email-setup.js';
import { readPdf } from '../helpers/pdf.js';
import { startSmtp, type Received, type TestSmtp } from '../helpers/smtp.js';

let server: TestSmtp | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A temp folder with a clinic config (SMTP settings merged in) and an appointments file. */
function setUp(rows: readonly object[], smtp: Record<string, unknown> = {}) {
  const dir = tempDir('handout-email-');
  return { dir, out: join(dir, 'out'), config: writeClinic(dir, smtp), file: writeAppointments(dir, rows) };
}

const emailCmd = (s: { file: string; out: string; config: string }, ...more: string[]) => ['email', s.file, '--out', s.out, '--config', s.config, ...more];

/** The message a patient received, checked from the headers to the text of the attached PDF. */
async function expectHandoutFor(got: Received, patient: { name: string; email: string; treatment: string }, time: string) {
  const { mail } = got;
  expect(got.rcptTo).toEqual([patient.email]);
  expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : []).toEqual([{ address: patient.email, name: patient.name }]);
  expect(mail.from?.value).toEqual([{ address: CLINIC_EMAIL.from, name: 'Juniper Skin Studio' }]);
  expect(mail.replyTo?.value).toEqual([{ address: CLINIC_EMAIL.replyTo, name: '' }]);
  expect(mail.subject).toBe('Your aftercare instructions from Juniper Skin Studio');
  expect(mail.text).toContain(`Hello ${patient.name},`);
  expect(mail.text).toContain('Monday, November 23, 2026');
  expect(mail.text).toContain('(555) 014-2290');
  expect(mail.html).toContain('Monday, November 23, 2026');
  expect(mail.attachments).toHaveLength(1);
  const pdf = mail.attachments[0]!;
  expect(pdf.contentType).toBe('application/pdf');
  expect(pdf.filename).toMatch(new RegExp(`^2026-11-23_[a-z0-9-]+_${patient.treatment}\\.pdf$`));
  const sheet = await readPdf(pdf.content);
  expect(sheet.pages).toBe(1);
  expect(sheet.text).toContain(patient.name);
  expect(sheet.flat).toContain(`Monday, November 23, 2026 at ${time}`);
}

const byRecipient = (received: Received[]) => new Map(received.map((r) => [r.rcptTo[0]!, r]));

describe('handout email (the real command, a real SMTP server on 127.0.0.1)', () => {
  it("sends each patient their own sheet; a refused recipient fails alone and is reported; names are not HTML", async () => {
    server = await startSmtp({ refuse: ['bruno@example.com'] });
    const obrien = { id: 'E-9', name: "<b>O'Brien</b>", treatment: 'standard', date: '2026-11-23T17:00', email: 'obrien@example.com' };
    const s = setUp([...PATIENTS.slice(0, 3), obrien], { url: server.url() });
    const r = await runCliAsync(emailCmd(s));
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
    server = await startSmtp({
      onConnect: () => (down ? '421' : 'ok'),
      onMessage: (n) => (n === 4 ? ((down = true), 'drop') : 'accept'),
    });
    const s = setUp(PATIENTS, { url: server.url() });
    const first = await runCliAsync(emailCmd(s));
    expect(first.status).toBe(7);
    expect(first.stdout).toContain('3 sent');
    expect(first.stdout).toContain('3 failed');
    expect(first.stdout).toContain('run the same command again to retry the failed ones');
    expect((await server.received()).length).toBe(3);

    down = false;
    const second = await runCliAsync(emailCmd(s));
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

  it('retries a 421 answer with backoff, and reports it when it does not go away', async () => {
    server = await startSmtp({ onMailFrom: (n) => (n <= 2 ? '421' : 'ok') });
    const s = setUp(PATIENTS.slice(0, 3), { url: server.url() });
    const r = await runCliAsync(emailCmd(s));
    expect(r.status).toBe(0);
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 1, 'bruno@example.com': 1, 'chiara@example.com': 1 });
    const log = readLog(s.out);
    const retried = log.filter((e) => e.status === 'failed');
    expect(retried).toHaveLength(2);
    for (const e of retried) expect(e).toMatchObject({ permanent: false, response: expect.stringContaining('421') });
    expect(log.filter((e) => e.status === 'accepted' && e.attempt === 2)).toHaveLength(2);

    server.options.onMailFrom = () => '421';
    const again = await runCliAsync(emailCmd(s, '--resend'));
    expect(again.status).toBe(7);
    expect(again.stdout).toMatch(/failed +line \d \w+@example\.com: 421 /);
    expect(again.stdout).toContain('3 failed');
    // Each message at most 3 tries; once one has used them all, the others are not tried further.
    const tries = readLog(s.out).slice(log.length);
    expect(tries.every((e) => e.status === 'failed' && e.attempt <= 3)).toBe(true);
    expect(tries.length).toBeLessThanOrEqual(6);
  });

  it('a wrong password stops the run without showing the password; the right one sends everything', async () => {
    server = await startSmtp({ auth: { user: 'clinic', pass: 'right horse' } });
    const s = setUp(PATIENTS.slice(0, 4), { url: 'smtp://nobody@127.0.0.1:9' }); // the environment wins over the config
    const secret = 'Wr0ng-Battery-Staple';
    const r = await runCliAsync(emailCmd(s), { env: { HANDOUT_SMTP_URL: server.url('clinic', secret) } });
    expect(r.status).toBe(7);
    expect(r.stdout).toContain('the server refused the login');
    expect(r.stdout).toContain('535');
    expect(r.stdout).toContain(`smtp://clinic:****@127.0.0.1:${server.port}`);
    expect(r.stdout).toContain('4 failed');
    const log = readFileSync(join(s.out, 'delivery-log.jsonl'), 'utf8');
    for (const text of [r.stdout, r.stderr, log]) expect(text).not.toContain(secret);
    expect(readLog(s.out).length).toBeLessThanOrEqual(2); // one try per open connection, no retries
    expect(await server.received()).toEqual([]);

    const ok = await runCliAsync(emailCmd(s, '--json'), { env: { HANDOUT_SMTP_URL: server.url('clinic', 'right horse') } });
    expect(ok.status).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report).toMatchObject({ ok: true, via: `smtp://clinic:****@127.0.0.1:${server.port}`, counts: { sent: 4, failed: 0 } });
    expect(ok.stdout).not.toContain('right horse');
    expect(Object.keys(countByRecipient(await server.received()))).toHaveLength(4);
  });

  it('gives up on a server too slow to answer (timeout), and sends once it is back', async () => {
    server = await startSmtp({ onConnect: () => ({ delayMs: 1500 }) });
    const s = setUp(PATIENTS.slice(0, 3), { url: server.url(), timeoutSeconds: 0.3, attempts: 2 });
    const r = await runCliAsync(emailCmd(s));
    expect(r.status).toBe(7);
    expect(r.stdout).toContain('timed out: no answer from the server within 0.3s');
    expect(r.stdout).toContain('sending stopped early');
    expect(r.stdout).toContain('3 failed');
    expect(readLog(s.out).length).toBeLessThanOrEqual(4); // 2 tries for each message in flight, then stop

    server.options.onConnect = undefined;
    const again = await runCliAsync(emailCmd(s));
    expect(again.status).toBe(0);
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 1, 'bruno@example.com': 1, 'chiara@example.com': 1 });
  });

  it('refuses line breaks and other tricks in header fields, naming the field, and still sends the good rows', async () => {
    server = await startSmtp();
    const rows = [
      { name: 'Eve Mallory\r\nBcc: victim@example.com', treatment: 'standard', date: '2026-11-23T09:00', email: 'eve@example.com' },
      { name: 'Mallory Eve', treatment: 'standard', date: '2026-11-23T09:00', email: 'mallory@example.com\r\nBcc: victim@example.com' },
      { name: 'Trent Example', treatment: 'standard', date: '2026-11-23T09:00', email: 'trent@example.com, victim@example.com' },
      { name: 'Walter Example', treatment: 'standard', date: '2026-11-23T09:00', email: 'walter@example.com\u0000' },
      PATIENTS[0],
    ];
    const s = setUp(rows, { url: server.url() });
    const r = await runCliAsync(emailCmd(s));
    expect(r.status).toBe(6);
    expect(r.stdout).toMatch(/rejected +line 1: name: must not contain line breaks/);
    expect(r.stdout).toMatch(/rejected +line 2: email: must not contain line breaks/);
    expect(r.stdout).toMatch(/rejected +line 3: email: "trent@example.com, victim@example.com" is not an email address/);
    expect(r.stdout).toMatch(/rejected +line 4: email: must not contain/);
    const received = await server.received();
    expect(received.map((x) => x.rcptTo)).toEqual([['ada@example.com']]);
    expect(received[0]!.mail.headers.has('bcc')).toBe(false);

    // generate --email checks the address before making anything.
    const g = await runCliAsync(['generate', '--name', 'Eve Mallory', '--treatment', 'standard', '--date', '2026-11-23T09:00', '--out', s.out, '--config', s.config, '--email', 'eve@example.com\nBcc: victim@example.com']);
    expect(g.status).toBe(2);
    expect(g.stderr).toContain('--email');
    expect(existsSync(join(s.out, '2026-11-23_eve-mallory_standard.pdf'))).toBe(false);

    // A sender name with a line break in the clinic config is a set-up error.
    const bad = writeClinic(s.dir, { url: server.url() }, { ...CLINIC_EMAIL, name: 'Juniper\nBcc: victim@example.com' });
    const c = await runCliAsync(emailCmd({ ...s, config: bad }));
    expect(c.status).toBe(3);
    expect(c.stderr).toContain('email.name');
    expect((await server.received()).length).toBe(1);
  });

  it('without SMTP settings writes standard .eml files to <out>/outbox/ and says so; --dry-run too, even with SMTP', async () => {
    const s = setUp(PATIENTS.slice(0, 2));
    const r = await runCliAsync(emailCmd(s));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`no SMTP server is configured (set HANDOUT_SMTP_URL or smtp.url in the clinic config): 2 message(s) written to ${join(s.out, 'outbox')}/`);
    const outbox = join(s.out, 'outbox');
    const files = readdirSync(outbox).sort();
    expect(files).toHaveLength(2);
    expect(files[0]).toMatch(/^2026-11-23_ada-lindqvist_standard_[0-9a-f]{8}\.eml$/);
    const mail = await simpleParser(readFileSync(join(outbox, files[0]!)));
    await expectHandoutFor({ rcptTo: ['ada@example.com'], mail }, PATIENTS[0], '9:30 AM');

    // A rerun replaces the files; it does not add copies.
    expect((await runCliAsync(emailCmd(s))).status).toBe(0);
    expect(readdirSync(outbox).sort()).toEqual(files);

    server = await startSmtp();
    const d = setUp(PATIENTS.slice(0, 2), { url: server.url() });
    const dry = await runCliAsync(emailCmd(d, '--dry-run'));
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--dry-run: nothing was sent; 2 message(s) written to');
    expect(readdirSync(join(d.out, 'outbox'))).toHaveLength(2);
    expect(await server.received()).toEqual([]);
  });

  it('never sends the same email twice on a rerun; --resend sends again on purpose; generate --email too', async () => {
    server = await startSmtp();
    const s = setUp(PATIENTS.slice(0, 2), { url: server.url() });
    expect((await runCliAsync(emailCmd(s))).status).toBe(0);
    const rerun = await runCliAsync(emailCmd(s, '--json'));
    expect(rerun.status).toBe(0);
    const report = JSON.parse(rerun.stdout);
    expect(report.counts).toMatchObject({ sent: 0, skipped: 2, failed: 0 });
    expect(report.rows[0]).toMatchObject({ line: 1, id: 'E-1', to: 'ada@example.com', status: 'skipped', detail: expect.stringContaining('already sent') });
    expect(report.rows[0]).not.toHaveProperty('name');
    expect((await server.received()).length).toBe(2);

    const resend = await runCliAsync(emailCmd(s, '--resend'));
    expect(resend.status).toBe(0);
    expect(resend.stdout).toContain('2 sent');
    expect(countByRecipient(await server.received())).toEqual({ 'ada@example.com': 2, 'bruno@example.com': 2 });

    const gen = ['generate', '--name', 'Gia Moreau', '--treatment', 'aggressive', '--date', '2026-11-23T14:30', '--out', s.out, '--config', s.config, '--email', 'gia@example.com'];
    const g1 = await runCliAsync(gen);
    expect(g1.status).toBe(0);
    expect(g1.stdout.split('\n')[0]).toBe(join(s.out, '2026-11-23_gia-moreau_aggressive.pdf'));
    expect(g1.stdout).toContain(`emailed to gia@example.com via smtp://127.0.0.1:${server.port}`);
    const g2 = await runCliAsync(gen);
    expect(g2.status).toBe(0);
    expect(g2.stdout).toContain('not emailed again');
    const gia = (await server.received()).filter((x) => x.rcptTo[0] === 'gia@example.com');
    expect(gia).toHaveLength(1);
    await expectHandoutFor(gia[0]!, { name: 'Gia Moreau', email: 'gia@example.com', treatment: 'aggressive' }, '2:30 PM');
  });
});
