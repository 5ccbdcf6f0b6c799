// Screenshots of the three pages for the README (docs/screenshots/), at desktop and tablet widths,
// and of the day's mapping step (an export laid out like Vagaro's that the clinic config does not
// read yet), taken with Debian's Chromium through playwright-core against the real `handout serve`.
// Run after `npm run build`: node scripts/screenshots.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'docs', 'screenshots');
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const dir = mkdtempSync(join(tmpdir(), 'handout-shots-'));
// A copy of the example clinic: the mapping step can save to it (never to the example itself).
const clinic = JSON.parse(readFileSync(join(ROOT, 'examples', 'clinic.json'), 'utf8'));
clinic.logo = join(ROOT, 'examples', clinic.logo);
const config = join(dir, 'clinic.json');
writeFileSync(config, JSON.stringify(clinic, null, 2));
const server = spawn(process.execPath, [join(ROOT, 'bin', 'handout.js'), 'serve', '--port', '0', '--out', join(dir, 'out'), '--config', config], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let text = '';
  server.stdout.on('data', (d) => {
    text += d;
    const m = /open (http:\/\/\S+)/.exec(text);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`handout serve exited ${code}`)));
});

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  mkdirSync(OUT, { recursive: true });
  for (const [label, viewport] of [['desktop', { width: 1360, height: 900 }], ['tablet', { width: 820, height: 1180 }]]) {
    const page = await browser.newPage({ viewport });
    await page.goto(url);
    await page.getByLabel('Name').fill("Zoë O'Brien");
    await page.getByLabel('Aggressive').check();
    await page.getByLabel('Date and time').fill('2026-11-23T14:30');
    await page.getByLabel('Area').fill('Cheeks and under-eye');
    await page.getByLabel('Concern').fill('Acne scarring');
    await page.getByLabel('Note').fill('Deeper settings on the cheeks today, so expect a bit more redness.');
    await page.getByText("Sheet for Zoë O'Brien.").waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(OUT, `checkout-${label}.png`), fullPage: true });

    await page.goto(`${url}day`);
    await page.getByLabel('Appointments export').setInputFiles(join(ROOT, 'examples', 'appointments.csv'));
    await page.waitForURL(/batch=/);
    await page.getByRole('button', { name: 'Email all' }).click();
    await page.getByText(/sent, .* already sent/).waitFor();
    await page.screenshot({ path: join(OUT, `day-${label}.png`), fullPage: true });

    await page.goto(`${url}sent`);
    await page.screenshot({ path: join(OUT, `sent-${label}.png`), fullPage: true });

    // The mapping step: nothing is saved, so the tablet's upload shows it again.
    await page.goto(`${url}day`);
    await page.getByLabel('Appointments export').setInputFiles(join(ROOT, 'test', 'fixtures', 'exports', 'vagaro.csv'));
    await page.getByRole('heading', { name: 'How to read vagaro.csv' }).waitFor();
    await page.getByLabel('Microneedling - Neck', { exact: true }).selectOption('aggressive');
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(OUT, `mapping-${label}.png`), fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
console.log(`screenshots in ${OUT}`);
