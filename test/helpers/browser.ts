import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';

/** Debian's Chromium (never a downloaded one), headless, with nothing reaching out of the machine. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let launched: Promise<Browser> | undefined;

/**
 * Chromium for a test file: one browser per test worker (files run one after another in a worker
 * and share its modules), launched on first use, so a second browser file does not pay for a
 * second launch. Each file works in contexts of its own (`newPage` makes one), closed after the file;
 * playwright closes the browser when the worker exits.
 */
export function sharedBrowser(): () => Promise<Browser> {
  afterAll(async () => {
    const browser = await launched;
    await Promise.all(browser?.contexts().map((c) => c.close()) ?? []);
  });
  return () => (launched ??= chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS }));
}

const AXE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core on the page as it is now: no serious or critical violation (the list names any that is). */
export async function expectAccessible(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol: the page's own CSP (scripts from itself only) stays on.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations).toEqual([]);
}
