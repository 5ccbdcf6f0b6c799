import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import * as ical from 'node-ical';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import { email } from '../../src/cli/commands/email.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { CLINIC_EMAIL, byRecipient, readLog, writeAppointments, writeClinic } from '../helpers/email-setup.js';
import { smtpPerTest } from '../helpers/smtp.js';

const smtp = smtpPerTest();
const quiet = () => {};

/** Made-up patients; Ada's row carries every clinical field, to prove none reaches the message. */
const ADA = {
  id: 'P-1', name: 'Ada Lindqvist', treatment: 'aggressive', date: '2026-11-23T09:30', email: 'ada@example.com',
  area: 'Under-eye', concern: 'Acne scarring', note: 'Deeper settings on the cheeks today.', dob: 'April 12, 1985',
};
const BRUNO = { id: 'P-2', name: 'Bruno Okafor', treatment: 'standard', date: '2026-11-23T10:15', email: 'bruno@example.com' };
const CHIARA = { id: 'P-3', name: 'Chiara Ross', treatment: 'standard', date: '2026-11-23T11:00', email: 'chiara@example.com', dob: '02/30/1990' };
const DMITRI = { id: 'P-4', name: 'Dmitri Volk', treatment: 'standard', date: '2026-11-23T13:45', email: 'dmitri@example.com', dob: '07/04/1979' };

function setUp(rows: object[], smtpSettings: Record<string, unknown>, emailSettings: Record<string, unknown> = { ...CLINIC_EMAIL, protect: 'dob' }, clinic: Record<string, unknown> = {}) {
  const dir = tempDir('handout-protect-');
  const config = writeClinic(dir, smtpSettings, emailSettings);
  if (Object.keys(clinic).length) writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), ...clinic }));
  return { dir, out: join(dir, 'out'), config, file: writeAppointments(dir, rows) };
}

const qpdf = (...args: string[]) => spawnSync('qpdf', args, { encoding: 'utf8' });

/** The attached PDF opened with a password (pdf.js through pdf-parse); throws on a wrong one. */
async function pdfText(pdf: Buffer, password?: string): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(pdf), ...(password !== undefined && { password }) });
  try {
    return (await parser.getText({ pageJoiner: '' })).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

/** Everything of the message a person reads without opening an attachment. */
const visible = (m: ParsedMail) => [m.subject, m.text, m.html, ...m.attachments.map((a) => a.filename)].join('\n');

describe('email.protect "dob": the emailed sheet is locked with the date of birth', () => {
  it('sends each patient a locked PDF and the calendar; the email says how to type the password, never the value; rows without a usable dob are reported, not sent', async () => {
    const server = await smtp.start();
    const s = setUp([ADA, BRUNO, CHIARA, DMITRI], { url: server.url() });
    const run = await email(s.file, { out: s.out, config: s.config }, quiet);

    expect(run.exitCode).toBe(6);
    expect(run.counts).toMatchObject({ sent: 2, rejected: 2, failed: 0 });
    const byLine = new Map(run.rows.map((r) => [r.line, r]));
    expect(byLine.get(1)).toMatchObject({ status: 'sent', to: 'ada@example.com' });
    expect(byLine.get(2)).toMatchObject({ status: 'rejected', to: 'bruno@example.com', detail: expect.stringContaining('dob: no date of birth, so the sheet was made but not emailed') });
    expect(byLine.get(3)).toMatchObject({ status: 'rejected', detail: expect.stringContaining('dob: "02/30/1990" is not a real day (February 1990 has no day 30)') });

    const got = byRecipient(await server.received());
    expect([...got.keys()].sort()).toEqual(['ada@example.com', 'dmitri@example.com']);
    const ada = got.get('ada@example.com')!.mail;
    expect(ada.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['aftercare_2026-11-23.pdf', 'application/pdf'],
      ['aftercare_2026-11-23.ics', 'text/calendar'],
    ]);
    const [pdf, ics] = ada.attachments.map((a) => a.content) as [Buffer, Buffer];

    // Locked: opens with MMDDYYYY of April 12, 1985, not without it, not with the day first.
    await expect(pdfText(pdf)).rejects.toThrow(/password/i);
    await expect(pdfText(pdf, '12041985')).rejects.toThrow(/password/i);
    const text = await pdfText(pdf, '04121985');
    expect(text).toContain('For Ada Lindqvist');
    expect(text).toContain('Deeper settings on the cheeks today.');
    const lockedFile = join(s.dir, 'sent.pdf');
    writeFileSync(lockedFile, pdf);
    expect(qpdf('--password=04121985', '--show-encryption', lockedFile).stdout).toContain('file encryption method: AESv3');
    expect(qpdf('--decrypt', lockedFile, join(s.dir, 'x.pdf')).status).toBe(2);
    // The printed copy on disk stays unlocked.
    const onDisk = readdirSync(join(s.out, '2026-11-23')).find((f) => f.includes('ada-lindqvist'))!;
    expect(qpdf('--show-encryption', join(s.out, '2026-11-23', onDisk)).stdout).toContain('File is not encrypted');

    // The message: how to type it, never the value; the key dates in words; no clinical detail.
    expect(ada.subject).toBe('Your aftercare instructions from Juniper Skin Studio');
    expect(ada.text).toContain('type your date of birth as 8 digits, month, day, year (MMDDYYYY): for example, April 9, 1985 is 04091985.');
    expect(ada.html).toContain('(MMDDYYYY)');
    const seen = visible(ada);
    for (const secret of ['04121985', '1985-04-12', 'April 12', 'Under-eye', 'Acne', 'Deeper settings', 'icroneedling', 'aggressive', 'Deep', 'occlusive', 'scar']) {
      expect(seen, secret).not.toContain(secret);
    }
    expect(ada.text).toContain('- 1:30 PM on Monday, November 23: You may wash your face now');
    expect(ada.text).toContain('- Monday, December 21 to Monday, January 4: Book your next treatment');

    // The calendar attached is the same plan: node-ical finds the wash-from time the text states.
    const events = Object.values(ical.sync.parseICS(ics.toString('utf8'))).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(6);
    const wash = events.find((e) => e.summary === 'You may wash your face now')!;
    expect(wash.start.toISOString()).toBe('2026-11-23T21:30:00.000Z');

    // The log says which sheets went out locked; nothing was accepted for the refused rows.
    const log = readLog(s.out);
    expect(log.filter((e) => e.status === 'accepted').map((e) => [e.to, e.locked])).toEqual(
      expect.arrayContaining([['ada@example.com', true], ['dmitri@example.com', true]]),
    );
    expect(log.filter((e) => e.to === 'bruno@example.com' || e.to === 'chiara@example.com')).toEqual([]);

    // Once the dob is added, a rerun sends Bruno's (and only his).
    writeAppointments(s.dir, [ADA, { ...BRUNO, dob: '1990-01-31' }, CHIARA, DMITRI]);
    const again = await email(s.file, { out: s.out, config: s.config }, quiet);
    expect(again.counts).toMatchObject({ sent: 1, skipped: 2, rejected: 1 });
    const bruno = byRecipient(await server.received()).get('bruno@example.com')!.mail;
    expect(await pdfText(bruno.attachments[0]!.content, '01311990')).toContain('For Bruno Okafor');
  });

  it('a day-first clinic (dateOrder DMY) locks with DDMMYYYY and says so, in the patient\'s language', async () => {
    const server = await smtp.start();
    const valentina = { id: 'P-5', name: 'Valentina Ríos', treatment: 'standard', date: '2026-11-23T12:00', email: 'vale@example.com', dob: '12/04/1985', language: 'es' };
    const s = setUp([valentina], { url: server.url() }, { ...CLINIC_EMAIL, protect: 'dob' }, { dateOrder: 'DMY' });
    const run = await email(s.file, { out: s.out, config: s.config }, quiet);
    expect(run.counts.sent).toBe(1);
    const mail = (await server.received())[0]!.mail;
    expect(mail.text).toContain('escribe tu fecha de nacimiento con 8 cifras, día, mes y año (DDMMYYYY): por ejemplo, el 9 de abril de 1985 es 09041985.');
    expect(mail.text).toContain('- Del lunes 21 de diciembre al lunes 4 de enero: Pide tu próxima cita');
    expect(mail.text).not.toContain('12041985');
    expect(await pdfText(mail.attachments[0]!.content, '12041985')).toContain('Para Valentina Ríos');
    await expect(pdfText(mail.attachments[0]!.content, '04121985')).rejects.toThrow(/password/i);
  });

  it('without protect, the PDF is not locked, the log says so, and the message still carries no clinical detail', async () => {
    const server = await smtp.start();
    const s = setUp([ADA], { url: server.url() }, CLINIC_EMAIL);
    expect((await email(s.file, { out: s.out, config: s.config }, quiet)).counts.sent).toBe(1);
    const mail = (await server.received())[0]!.mail;
    expect(await pdfText(mail.attachments[0]!.content)).toContain('For Ada Lindqvist');
    expect(mail.text).not.toContain('locked');
    for (const secret of ['04121985', 'Under-eye', 'Acne', 'Deeper settings', 'icroneedling', 'aggressive', 'Deep']) expect(visible(mail), secret).not.toContain(secret);
    expect(readLog(s.out).map((e) => e.locked)).toEqual([false]);
  });
});

describe('smtp.requireTLS', () => {
  it('refuses to send over a connection the server does not upgrade to TLS: a clear error, no login, nothing marked sent', async () => {
    const server = await smtp.start({ auth: { user: 'care', pass: 'Secret-123' } }); // no STARTTLS
    const s = setUp([ADA, DMITRI], { url: server.url('care', 'Secret-123'), requireTLS: true }, CLINIC_EMAIL);
    const run = await email(s.file, { out: s.out, config: s.config }, quiet);
    expect(run.exitCode).toBe(7);
    expect(run.counts).toMatchObject({ sent: 0, failed: 2 });
    expect(run.stopped).toMatch(/the connection could not be upgraded to TLS \(STARTTLS: .*\), and smtp\.requireTLS is on: nothing was sent over the unencrypted connection/);
    expect(JSON.stringify(run)).not.toContain('Secret-123');
    expect(await server.received()).toEqual([]);
    expect(server.counts.mailFrom).toBe(0);
    expect(readLog(s.out).filter((e) => e.status === 'accepted')).toEqual([]);

    // Nothing was marked sent: with requireTLS off, the same run sends both.
    writeFileSync(s.config, JSON.stringify({ ...JSON.parse(readFileSync(s.config, 'utf8')), smtp: { url: server.url('care', 'Secret-123') } }));
    const again = await email(s.file, { out: s.out, config: s.config }, quiet);
    expect(again.counts).toMatchObject({ sent: 2, skipped: 0 });
  });
});

describe('generate --email --dob', () => {
  it('writes the unlocked sheet and its calendar, and puts the locked one in the outbox', async () => {
    const dir = tempDir('handout-protect-cli-');
    const config = writeClinic(dir, {}, { ...CLINIC_EMAIL, protect: 'dob' });
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), smtp: undefined }));
    const out = join(dir, 'out');
    const args = ['generate', '--name', 'Zoë Okonkwo', '--treatment', 'standard', '--date', '2026-11-23T14:30', '--email', 'zoe@example.com', '--dob', '12 April 1985', '--ics', '--config', config, '--out', out];
    const r = await runCli(args);
    expect(r.status, r.stderr).toBe(0);
    const [pdfPath, icsPath] = r.stdout.trim().split('\n');
    expect(pdfPath).toMatch(/2026-11-23_zoe-okonkwo_standard\.pdf$/);
    expect(icsPath).toMatch(/2026-11-23_zoe-okonkwo_standard\.ics$/);
    expect(readFileSync(icsPath!, 'utf8')).toContain('DTSTART;TZID=America/Los_Angeles:20261123T183000');
    expect(qpdf('--show-encryption', pdfPath!).stdout).toContain('File is not encrypted');
    const eml = readdirSync(join(out, 'outbox'))[0]!;
    const mail = await simpleParser(readFileSync(join(out, 'outbox', eml)));
    expect(await pdfText(mail.attachments[0]!.content, '04121985')).toContain('For Zoë Okonkwo');
    await expect(pdfText(mail.attachments[0]!.content)).rejects.toThrow(/password/i);

    // Without --dob, the sheet is made but the email is not sent, and the command says why.
    const noDob = await runCli(args.filter((a, i) => a !== '--dob' && args[i - 1] !== '--dob'));
    expect(noDob.status).toBe(7);
    expect(noDob.stderr).toContain('no date of birth');
  });
});
