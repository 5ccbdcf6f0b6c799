import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../src/email/delivery-log.js';
import { countByRecipient, expectHandoutFor, PATIENTS, writeClinic, byRecipient } from '../helpers/email-setup.js';
import { runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { inProcess } from '../helpers/server.js';
import { smtpPerTest } from '../helpers/smtp.js';

const smtp = smtpPerTest();

async function withSmtp(delayMs = 0) {
  const server = await smtp.start(delayMs ? { onConnect: () => ({ delayMs }) } : {});
  const dir = tempDir('handout-server-email-');
  const config = writeClinic(dir, { url: server.url() });
  const s = await inProcess({ configPath: config, lockWaitMs: 300 });
  const appointments = JSON.stringify(PATIENTS);
  const upload = async () => {
    const res = await s.request('/api/batches', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: appointments });
    return ((await res.json()) as { id: string }).id;
  };
  return { server, s, dir, config, upload, appointments };
}

describe('emailing from the server: the CLI\'s delivery log, exactly once', () => {
  it('Email all reaches each patient once, even after a second click while it runs and a second run after', async () => {
    const { server, s, upload } = await withSmtp();
    const id = await upload();
    // Two clicks at once: the second gets the same job, not a second sending.
    const [a, b] = await Promise.all([s.request(`/api/batches/${id}/email?wait=0`, { method: 'POST' }), s.request(`/api/batches/${id}/email`, { method: 'POST' })]);
    expect(a.status).toBe(202);
    const summary = (await b.json()) as { counts: Record<string, number> };
    expect(summary.counts.sent).toBe(PATIENTS.length);
    // Again, later (a reload and a click): every one already sent.
    const again = (await (await s.request(`/api/batches/${id}/email`, { method: 'POST' })).json()) as { counts: Record<string, number> };
    expect(again.counts).toMatchObject({ sent: 0, skipped: PATIENTS.length });
    // And the same export uploaded again and emailed: still nobody twice.
    const id2 = await upload();
    await s.request(`/api/batches/${id2}/email`, { method: 'POST' });
    const received = await server.received();
    expect(countByRecipient(received)).toEqual(Object.fromEntries(PATIENTS.map((p) => [p.email, 1])));
    await expectHandoutFor(byRecipient(received).get('bruno@example.com')!, PATIENTS[1], '10:15 AM');
  });

  it('checkout Email sends once; a second click says it was already sent; Sent lists it and resends on purpose', async () => {
    const { server, s } = await withSmtp();
    const visit = { name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T09:30', email: 'ada@example.com' };
    const first = (await (await s.json('/api/handouts/email', visit)).json()) as { status: string; to: string };
    expect(first).toMatchObject({ status: 'sent', to: 'ada@example.com' });
    const second = (await (await s.json('/api/handouts/email', visit)).json()) as { status: string };
    expect(second.status).toBe('skipped');
    expect(await server.received()).toHaveLength(1);

    const { deliveries } = (await (await s.request('/api/deliveries?name=lindq')).json()) as { deliveries: { key: string; to: string; status: string; visit: { name: string } }[] };
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ to: 'ada@example.com', status: 'accepted', visit: { name: 'Ada Lindqvist' } });
    expect(((await (await s.request('/api/deliveries?name=nobody')).json()) as { deliveries: unknown[] }).deliveries).toHaveLength(0);
    const resent = (await (await s.request(`/api/deliveries/${deliveries[0]!.key}/resend`, { method: 'POST' })).json()) as { status: string };
    expect(resent.status).toBe('sent');
    expect(await server.received()).toHaveLength(2);
    const page = await (await s.request('/sent')).text();
    expect(page).toContain('Ada Lindqvist');
    expect(page.match(/<tr>/g)).toHaveLength(3); // header + two deliveries
  });

  it('the CLI and the server on one folder at once: one sends, the other waits or refuses; nobody gets two', async () => {
    const { server, s, dir, config, upload } = await withSmtp(1500);
    const out = s.out;
    const file = join(dir, 'appointments.json');
    writeFileSync(file, JSON.stringify(PATIENTS));
    const id = await upload();
    const serverRun = s.request(`/api/batches/${id}/email`, { method: 'POST' });
    await new Promise((r) => setTimeout(r, 150)); // the server holds the log's lock now (its SMTP connection answers late)
    const cli = await spawnCli(['email', file, '--out', out, '--config', config, '--json']);
    // Usually the server is still sending and the CLI refuses; if it finished first, the CLI skips every one.
    if (cli.status === 7) expect(cli.stdout + cli.stderr).toMatch(/another handout command \(process \d+\) is sending/);
    else expect(JSON.parse(cli.stdout).counts).toMatchObject({ sent: 0, skipped: PATIENTS.length });
    expect((await serverRun).status).toBe(200);
    // Once both are done, a rerun (in this process) finds every one sent.
    const rerun = await runCli(['email', file, '--out', out, '--config', config, '--json']);
    expect(JSON.parse(rerun.stdout).counts).toMatchObject({ sent: 0, skipped: PATIENTS.length });
    expect(countByRecipient(await server.received())).toEqual(Object.fromEntries(PATIENTS.map((p) => [p.email, 1])));
  });

  it('while another process holds the log, the server waits, then says so (409) without sending', async () => {
    const { server, s, upload } = await withSmtp();
    const id = await upload();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(s.out, 'delivery-log.lock'), String(holder.pid));
      const res = await s.request(`/api/batches/${id}/email`, { method: 'POST' });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/another handout command \(process \d+\) is sending/);
      expect(await server.received()).toHaveLength(0);
    } finally {
      holder.kill();
    }
  });
});

describe('the delivery log in one process', () => {
  it('a second opening while the first is open is refused (the lock file holds only a process id)', () => {
    const out = tempDir('handout-log-');
    const first = DeliveryLog.open(out);
    try {
      expect(() => DeliveryLog.open(out)).toThrow(`another handout command (process ${process.pid}) is sending`);
    } finally {
      first.close();
    }
    DeliveryLog.open(out).close();
  });
});
