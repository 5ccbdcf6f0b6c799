import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser, expectAccessible } from '../helpers/browser.js';
import { countByRecipient, PATIENTS, writeClinic } from '../helpers/email-setup.js';
import { tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { listening } from '../helpers/server.js';
import { startSmtp, type TestSmtp } from '../helpers/smtp.js';

// The real server on a free port of 127.0.0.1, a real SMTP server, and Debian's Chromium driving the page.
const browser = sharedBrowser();
let smtp: TestSmtp;
let server: Awaited<ReturnType<typeof listening>>;
let base: string;

beforeAll(async () => {
  smtp = await startSmtp();
  const dir = tempDir('handout-browser-');
  server = await listening({ configPath: writeClinic(dir, { url: smtp.url() }), clock: undefined });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
});

async function fresh(path: string) {
  const page = await (await browser()).newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await page.goto(`${base}${path}`);
  return page;
}

describe('checkout', () => {
  it('fills the form by its labels and downloads the sheet: the name exactly as typed, the balm only when aggressive', async () => {
    const page = await fresh('/');
    const name = "Zoë O'Brien-Łukasiewicz";
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Aggressive').check();
    await page.getByLabel('Date and time').fill('2026-11-23T14:30');
    await page.getByLabel('Area').fill('Cheeks and under-eye');
    await page.getByLabel('Note').fill('Deeper settings on the cheeks today.');
    await expect.poll(() => page.locator('#note-count').textContent()).toBe('36 of 280 characters');
    // The preview follows the form.
    await page.getByText(`Sheet for ${name}.`).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toBe('2026-11-23_zoe-o-brien-lukasiewicz_aggressive.pdf');
    const pdf = await readPdf(readFileSync((await download.path())!));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain(name);
    expect(pdf.flat).toContain('Monday, November 23, 2026 at 2:30 PM');
    expect(pdf.flat).toMatch(/occlusive\) balm/);

    await page.getByLabel('Standard').check();
    const [second] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
    const standard = await readPdf(readFileSync((await second.path())!));
    expect(standard.text).toContain(name);
    expect(standard.flat).not.toMatch(/balm/i);
    await expectAccessible(page);
    await page.close();
  });

  it('marks an impossible value at its field, in the CLI\'s words, and keeps the rest of the form', async () => {
    const page = await fresh('/');
    await page.getByLabel('Name', { exact: true }).fill('Dana Reyes');
    await page.getByLabel('Note').fill('Call if redness lasts.');
    // 2:30 AM on the day the clocks jump forward does not exist in the clinic's zone.
    await page.getByLabel('Date and time').fill('2026-03-08T02:30');
    await page.getByRole('button', { name: 'Download' }).click();
    const date = page.getByLabel('Date and time');
    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await date.getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toContain('err-date');
    const message = await page.locator('#err-date').textContent();
    expect(message).toContain('date: "2026-03-08T02:30" does not exist in America/Los_Angeles: the clocks jump forward at that time');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-date');
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByLabel('Note').inputValue()).toBe('Call if redness lasts.');
    await expectAccessible(page);
    await page.close();
  });
});

describe('the day', () => {
  it('uploads an export, shows every row\'s outcome, prints all on one page per sheet, and emails each patient once', async () => {
    const dir = tempDir('handout-browser-day-');
    const rows = [...PATIENTS, { id: 'E-7', name: 'Gus Bad', treatment: 'gentle', date: '2026-11-23T17:00', email: 'gus@example.com' }];
    const file = join(dir, 'appointments.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(rows));
    const page = await fresh('/day');
    await page.getByLabel('Appointments export').setInputFiles(file);
    await page.waitForURL(/\/day\?batch=/);
    const table = page.getByRole('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(rows.length);
    for (const p of PATIENTS) await expect.poll(() => table.getByRole('row', { name: new RegExp(p.name) }).getByText('Made').count()).toBe(1);
    const bad = table.getByRole('row', { name: /Gus Bad/ });
    expect(await bad.getByText('Rejected').count()).toBe(1);
    expect(await bad.textContent()).toContain('treatment: must be one of: standard, aggressive (got "gentle")');
    await expectAccessible(page);

    // Print all: one PDF, a page per made sheet, for one print job.
    const printUrl = await page.getByRole('button', { name: 'Print all' }).getAttribute('data-pdf');
    const all = await page.request.get(`${base}${printUrl}`);
    const pdf = await readPdf(await all.body());
    expect(pdf.pages).toBe(PATIENTS.length);

    // Email all, then again after a reload (and a second click): each patient once.
    // Each click ends with the page reloaded by the server's answer: wait for that load, not for text already there.
    const emailAll = () => Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Email all' }).click()]);
    await emailAll();
    await page.getByText(/^6 sent, 0 already sent/).waitFor();
    await page.reload();
    await emailAll();
    await page.getByText(/^0 sent, 6 already sent/).waitFor();
    await emailAll();
    await page.getByText(/^0 sent, 6 already sent/).waitFor();
    expect(countByRecipient(await smtp.received())).toEqual(Object.fromEntries(PATIENTS.map((p) => [p.email, 1])));
    await expect.poll(() => table.getByRole('row', { name: /Ada Lindqvist/ }).getByText('Already sent').count()).toBe(1);

    // Sent: the log as a table, filtered by name.
    await page.goto(`${base}/sent`);
    await page.getByLabel('Name or address').fill('bruno');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.getByRole('table').locator('tbody tr').count()).toBe(1);
    expect(await page.getByRole('table').textContent()).toContain('Bruno Okafor');
    await expectAccessible(page);
    await page.close();
  });
});
