import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPdfkitVersion, installedPdfkitVersion, PDFKIT_VERSION } from '../../src/pdf/pdfkit/index.js';

describe('the seam to PDFKit', () => {
  it('is written for the PDFKit that package.json pins exactly, and that one is installed', () => {
    const pinned = (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies.pdfkit;
    expect(pinned).toBe(PDFKIT_VERSION);
    expect(installedPdfkitVersion()).toBe(PDFKIT_VERSION);
    expect(() => checkPdfkitVersion()).not.toThrow();
  });

  it('refuses another PDFKit, naming both versions and what to do', () => {
    let error: unknown;
    try {
      checkPdfkitVersion('0.21.0');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_INSTALL' });
    expect((error as Error).message).toContain('0.21.0');
    expect((error as Error).message).toContain(PDFKIT_VERSION);
    expect((error as { hint: string }).hint).toContain('npm ci');
  });
});
