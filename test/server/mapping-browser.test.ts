import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedBrowser, expectAccessible } from '../helpers/browser.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { clinicWith } from '../helpers/clinic.js';
import { BALM, EXPORTS } from '../helpers/exports.js';
import { readPdf } from '../helpers/pdf.js';
import { listening } from '../helpers/server.js';

// The mapping step as the front desk meets it: the real server on a free port, Debian's Chromium,
// an export laid out like Vagaro's that the clinic config does not read yet.
const browser = sharedBrowser();
const servers: Awaited<ReturnType<typeof listening>>[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

/** Vagaro's export (test/fixtures/exports/vagaro.csv) with one more row: a service that is not microneedling, a status nobody named. */
function vagaroDay(): string {
  const file = join(tempDir('handout-mapping-'), 'vagaro-day.csv');
  const csv = readFileSync(join(EXPORTS, 'vagaro.csv'), 'utf8').replace(/\r?\n?$/, '\r\n');
  writeFileSync(file, `${csv}11/24/2026,1:00 PM,"Ames, Wren",Botox - Forehead,Dr. Ames,Pending,wren.example@example.com,(555) 010-5526\r\n`);
  return file;
}

async function serve(options: Parameters<typeof listening>[0]) {
  const server = await listening({ clock: undefined, ...options });
  servers.push(server);
  return { server, base: `http://127.0.0.1:${server.port}` };
}

async function dayPage(base: string, permissions: string[] = []) {
  const context = await (await browser()).newContext({ viewport: { width: 1280, height: 900 } });
  if (permissions.length) await context.grantPermissions(permissions, { origin: base });
  const page = await context.newPage();
  await page.goto(`${base}/day`);
  return page;
}

const selected = (page: Page, label: string) => page.getByLabel(label, { exact: true }).inputValue();

describe('the day: an export the clinic config does not read yet', () => {
  let config: string;
  let base: string;
  beforeAll(async () => {
    config = clinicWith({});
    ({ base } = await serve({ configPath: config }));
  });

  it('shows the mapping, saves it to the clinic settings, makes the rows with it (the balm only for the service chosen aggressive); the same layout again goes straight to the sheets', async () => {
    const before = JSON.parse(readFileSync(config, 'utf8'));
    const file = vagaroDay();
    const page = await dayPage(base);
    await page.getByLabel('Appointments export').setInputFiles(file);
    const heading = page.getByRole('heading', { name: 'How to read vagaro-day.csv' });
    await heading.waitFor();
    // Keyboard and screen-reader users land on the step.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('mapping-title');
    const step = page.locator('#mapping');
    expect(await step.locator('#map-gaps').textContent()).toContain('The clinic settings do not say which services are microneedling (4 services in the file).');
    expect(await step.locator('#map-gaps').textContent()).toContain('1 status is not in the clinic settings: "Pending".');

    // Each header and the field it gives (a guess marked as one), "not used" for the rest.
    expect(await selected(page, 'Customer')).toBe('name');
    expect(await step.getByRole('row', { name: /Customer/ }).textContent()).toContain('a guess: check it');
    expect(await selected(page, 'Appointment Date')).toBe('date');
    expect(await selected(page, 'Start Time')).toBe('time');
    expect(await selected(page, 'Service Provider')).toBe('');
    expect(await selected(page, 'Phone')).toBe('');
    // Each service, guessed from its words; each status and what it becomes; the date format.
    expect(await selected(page, 'Microneedling + PRP (Deep)')).toBe('aggressive');
    expect(await selected(page, 'Microneedling - Neck')).toBe('standard');
    expect(await selected(page, 'Botox - Forehead')).toBe('skip');
    expect(await selected(page, 'Cancel')).toBe('skip');
    expect(await selected(page, 'Pending')).toBe('made');
    expect(await step.getByRole('row', { name: /Pending/ }).textContent()).toContain('not in the clinic settings: check it');
    expect(await step.locator('#map-dates').textContent()).toContain('month/day/year (11/24/2026 2:30 PM) + a time column: 6 rows, e.g. “11/24/2026”');
    expect(await selected(page, 'Numeric dates are')).toBe('MDY');
    expect(await page.locator('#map-order-hint').textContent()).toBe('The file’s own dates show month first.');
    await expectAccessible(page);

    // The clinic's call: the deep one is standard here, the neck aggressive; by keyboard.
    await page.getByLabel('Microneedling + PRP (Deep)', { exact: true }).selectOption('standard');
    const neck = page.getByLabel('Microneedling - Neck', { exact: true });
    await neck.focus();
    await page.keyboard.press('ArrowDown');
    expect(await neck.inputValue()).toBe('aggressive');
    await page.getByLabel('Pending', { exact: true }).selectOption('skip');
    const save = page.getByRole('button', { name: 'Save to clinic settings' });
    await save.focus();
    await Promise.all([page.waitForURL(/\/day\?batch=/), page.keyboard.press('Enter')]);

    const table = page.getByRole('table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(6);
    const row = (name: RegExp) => table.getByRole('row', { name });
    for (const [name, treatment] of [
      [/Okafor, Adaeze/, 'Standard'],
      [/Brandt, Tobias/, 'Standard'],
      [/Fairweather, Joss/, 'Aggressive'],
    ] as const) {
      expect(await row(name).getByText('Made').count()).toBe(1);
      expect(await row(name).textContent()).toContain(treatment);
    }
    expect(await table.locator('tr.skipped').count()).toBe(3);
    expect(await table.textContent()).toContain('Status is "Pending"');
    expect(await page.locator('.summary').textContent()).toBe('3 sheets made, 0 already made, 0 rows rejected, 3 skipped.');

    // The config has the mapping; every other key is as it was.
    const after = JSON.parse(readFileSync(config, 'utf8'));
    expect(after.columns).toEqual({ 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name' });
    expect(after.services).toEqual({ 'Microneedling + PRP (Deep)': 'standard', 'Microneedling - Face': 'standard', 'Microneedling - Neck': 'aggressive', 'Botox - Forehead': 'skip' });
    expect(after.statuses).toEqual({ Pending: 'skip' });
    expect({ ...after, columns: undefined, services: undefined, statuses: undefined }).toEqual({ ...before, columns: undefined, services: undefined, statuses: undefined });

    // The sheets: the balm only on the neck's (the one service chosen aggressive).
    for (const [name, balm] of [
      [/Okafor, Adaeze/, false],
      [/Brandt, Tobias/, false],
      [/Fairweather, Joss/, true],
    ] as const) {
      const href = await row(name).getByRole('link', { name: /Preview/ }).getAttribute('href');
      const pdf = await readPdf(await (await page.request.get(`${base}${href}`)).body());
      expect(pdf.flat.includes(BALM), String(name)).toBe(balm);
    }

    // The same layout again: no mapping step, straight to the sheets (already made).
    const first = page.url();
    await page.getByLabel('Appointments export').setInputFiles(file);
    await page.waitForURL((url) => url.href !== first && /\/day\?batch=/.test(url.href));
    expect(await page.locator('#mapping').isHidden()).toBe(true);
    expect(await page.locator('.summary').textContent()).toBe('0 sheets made, 3 already made, 0 rows rejected, 3 skipped.');
    await page.close();
  });
});

describe('the day on the example clinic (no --config)', () => {
  it('nothing can be saved: the page says how it can be, copies the block to paste, and goes on without saving', async () => {
    const example = readFileSync(EXAMPLE_CONFIG, 'utf8');
    const { base } = await serve({ configPath: EXAMPLE_CONFIG, isExample: true });
    const page = await dayPage(base, ['clipboard-read', 'clipboard-write']);
    await page.getByLabel('Appointments export').setInputFiles(join(EXPORTS, 'vagaro.csv'));
    await page.getByRole('heading', { name: 'How to read vagaro.csv' }).waitFor();
    expect(await page.getByRole('button', { name: 'Save to clinic settings' }).count()).toBe(0);
    const why = await page.locator('#map-cannot-save').textContent();
    expect(why).toContain('This server runs with the example clinic');
    expect(why).toContain('handout serve --config <file>');
    await expectAccessible(page);

    // Another column for the services (by keyboard: type the option's name): the file is read
    // again, the services it gives are listed, the focus stays where it was.
    await page.getByLabel('Service', { exact: true }).selectOption('');
    const provider = page.getByLabel('Service Provider', { exact: true });
    await provider.focus();
    await page.keyboard.type('Service');
    expect(await provider.inputValue()).toBe('service');
    await expect.poll(() => page.locator('#map-services').textContent()).toContain('Avery Quinn');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await provider.getAttribute('id'));
    await page.getByLabel('Service', { exact: true }).selectOption('service');
    await provider.selectOption('');
    await expect.poll(() => page.locator('#map-services').textContent()).toContain('Microneedling - Neck');

    // The block, in the config's own format, onto the clipboard.
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied: paste the settings into the clinic config file.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.getByLabel('Settings to paste into the clinic config').inputValue());
    const pasted = JSON.parse(`{${copied}}`);
    expect(pasted).toEqual({
      columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name' },
      services: { 'Microneedling + PRP (Deep)': 'aggressive', 'Microneedling - Face': 'standard', 'Microneedling - Neck': 'standard' },
    });

    await Promise.all([page.waitForURL(/\/day\?batch=/), page.getByRole('button', { name: 'Go on without saving' }).click()]);
    expect(await page.locator('.summary').textContent()).toBe('3 sheets made, 0 already made, 0 rows rejected, 2 skipped.');
    expect(readFileSync(EXAMPLE_CONFIG, 'utf8')).toBe(example);
    await page.close();
  });
});
