import { PDFParse } from 'pdf-parse';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedBrowser, expectAccessible } from '../helpers/browser.js';
import { CLINIC_EMAIL, readLog, writeClinic } from '../helpers/email-setup.js';
import { tempDir } from '../helpers/cli.js';
import { inProcess, listening } from '../helpers/server.js';
import { smtpPerTest, type Received } from '../helpers/smtp.js';

const smtp = smtpPerTest();
const browser = sharedBrowser();
const ADA = { name: 'Ada Lindqvist', treatment: 'aggressive', date: '2026-11-23T09:30', email: 'ada@example.com', area: 'Under-eye', note: 'Deeper settings on the cheeks today.' };

/** The attached PDF's text, opened with `password` (throws on a wrong or missing one). */
async function attachedText(message: Received, password?: string): Promise<string> {
  const pdf = message.mail.attachments.find((a) => a.contentType === 'application/pdf')!;
  const parser = new PDFParse({ data: new Uint8Array(pdf.content), ...(password !== undefined && { password }) });
  try {
    return (await parser.getText({ pageJoiner: '' })).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

async function setUp(email: Record<string, unknown> = CLINIC_EMAIL) {
  const server = await smtp.start();
  const s = await inProcess({ configPath: writeClinic(tempDir('handout-resend-'), { url: server.url() }, email) });
  const latestKey = async () => ((await (await s.request('/api/deliveries')).json()) as { deliveries: { key: string }[] }).deliveries[0]!.key;
  const resend = async (body?: unknown) => s.request(`/api/deliveries/${await latestKey()}/resend`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { server, s, resend };
}

describe('Sent: a deliberate resend is the same email as the first', () => {
  it('carries the recovery calendar again, and the same sheet (area and note included)', async () => {
    const { server, s, resend } = await setUp();
    expect((await (await s.json('/api/handouts/email', ADA)).json()) as object).toMatchObject({ status: 'sent' });
    const res = await resend();
    expect(res.status).toBe(200);
    const [first, again] = await server.received();
    const names = (m: Received) => m.mail.attachments.map((a) => a.contentType).sort();
    expect(names(again!)).toEqual(names(first!));
    expect(names(again!)).toContain('text/calendar');
    const calendar = again!.mail.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
    expect(calendar).toMatch(/BEGIN:VEVENT/);
    expect(calendar).toMatch(/TZID=America\/Los_Angeles|DTSTART/);
    const text = await attachedText(again!);
    expect(text).toContain('Ada Lindqvist');
    expect(text).toContain('Deeper settings on the cheeks today.');
    // The log keeps what a resend needs, never a date of birth.
    expect(readLog(s.out)[0]!.visit).toMatchObject({ timeZone: 'America/Los_Angeles', area: 'Under-eye', note: ADA.note });
  });

  it('where sheets are locked: asks for the date of birth (the log does not keep it), names a wrong one, and sends a locked copy with the right one', async () => {
    const { server, s, resend } = await setUp({ ...CLINIC_EMAIL, protect: 'dob' });
    expect((await (await s.json('/api/handouts/email', { ...ADA, dob: '1985-04-12' })).json()) as object).toMatchObject({ status: 'sent' });
    expect(JSON.stringify(readLog(s.out, { intents: true }))).not.toMatch(/1985|04121985/);

    const missing = await resend({});
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: { field: string; message: string }[] }).errors[0]).toMatchObject({ field: 'dob', message: expect.stringContaining('locks emailed sheets with the patient\'s date of birth') });
    const wrong = await resend({ dob: '02/30/1985' });
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { errors: { field: string; message: string }[] }).errors[0]).toMatchObject({ field: 'dob', message: 'dob: "02/30/1985" is not a real day (February 1985 has no day 30)' });
    expect(await server.received()).toHaveLength(1);

    const right = await resend({ dob: 'April 12, 1985' });
    expect(right.status).toBe(200);
    const again = (await server.received())[1]!;
    await expect(attachedText(again)).rejects.toThrow();
    const text = await attachedText(again, '04121985');
    expect(text).toContain('Ada Lindqvist');
    expect(text).toContain('Deeper settings on the cheeks today.');
  });
});

describe('Sent page in a real browser, where sheets are locked', { timeout: 60_000 }, () => {
  let stop: (() => Promise<void>) | undefined;
  afterAll(async () => stop?.());

  it('each resend has a labelled date-of-birth box; a wrong date is marked at the box; the right one sends', async () => {
    const mail = await smtp.start();
    const server = await listening({ configPath: writeClinic(tempDir('handout-resend-page-'), { url: mail.url() }, { ...CLINIC_EMAIL, protect: 'dob' }), clock: undefined });
    stop = () => server.close();
    const sent = await fetch(`${server.url}api/handouts/email`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...ADA, date: '2026-11-23T09:30', dob: '1985-04-12' }) });
    expect(sent.status).toBe(200);

    const page = await (await browser()).newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}sent`);
    const box = page.getByLabel('Date of birth of Ada Lindqvist');
    await box.fill('13/12/1985');
    await page.getByRole('button', { name: 'Resend to Ada Lindqvist' }).click();
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    const describedBy = await box.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).textContent()).toMatch(/dob: "13\/12\/1985" has no month 13/);
    await expectAccessible(page);

    await box.fill('04/12/1985');
    await page.getByRole('button', { name: 'Resend to Ada Lindqvist' }).click();
    await page.getByText('Sent again to ada@example.com').waitFor();
    expect(await mail.received()).toHaveLength(2);
    await page.close();
  });
});
