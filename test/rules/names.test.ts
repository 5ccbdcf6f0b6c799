import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW, resources } from '../helpers/resources.js';

const visit = (name: string, more: Record<string, string> = {}) => validateVisit(resources, { name, treatment: 'standard', date: '2026-11-23T10:00', ...more }, { now: NOW });

/** The page as pdftoppm (poppler) draws it: what a printer or viewer shows, not the extracted text. */
function pagePng(pdf: Uint8Array): Buffer {
  const dir = tempDir();
  writeFileSync(join(dir, 'sheet.pdf'), pdf);
  execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', join(dir, 'sheet.pdf'), join(dir, 'page')]);
  return readFileSync(join(dir, 'page.png'));
}

/** The clean name's page, drawn once for the cases that share it (sheets are made on a fixed clock). */
const cleanPages = new Map<string, Promise<Buffer>>();
const cleanPage = (name: string) => {
  if (!cleanPages.has(name)) cleanPages.set(name, makeHandout(resources, visit(name), { now: NOW }).then((h) => pagePng(h.pdf)));
  return cleanPages.get(name)!;
};

describe('names that read right but would print wrong', () => {
  it.each([
    ['a decomposed accent (e + U+0308)', 'Zoe\u0308 O\u2019Brien', 'Zoë O\u2019Brien'],
    ['left-to-right and right-to-left marks', '\u200EZoë\u200F O\u2019Brien', 'Zoë O\u2019Brien'],
    ['bidi embeddings and overrides (U+202A-202E)', '\u202AZoë\u202C \u202EO\u2019Brien\u202C', 'Zoë O\u2019Brien'],
    ['a combining grapheme joiner (U+034F)', 'Zo\u034Fë O\u2019Brien', 'Zoë O\u2019Brien'],
    ['a soft hyphen', 'Zoë O\u2019Bri\u00ADen', 'Zoë O\u2019Brien'],
    ['a word joiner and a zero-width space', 'Zoë\u2060 O\u2019\u200BBrien', 'Zoë O\u2019Brien'],
  ])('%s: normalized, the invisible dropped; the page is pixel for pixel the clean name\'s', async (_what, typed, clean) => {
    const v = visit(typed);
    expect(v.patient.name).toBe(clean);
    const dirty = await makeHandout(resources, v, { now: NOW });
    expect((await readPdf(dirty.pdf)).text).toContain(clean);
    expect(pagePng(dirty.pdf).equals(await cleanPage(clean))).toBe(true);
  });

  it.each([
    ['a line separator (U+2028)', 'Zoë\u2028O\u2019Brien', 'U+2028 LINE SEPARATOR'],
    ['a paragraph separator (U+2029)', 'Zoë\u2029O\u2019Brien', 'U+2029 PARAGRAPH SEPARATOR'],
    ['a next-line control (U+0085)', 'Zoë\u0085O\u2019Brien', 'U+0085 NEXT LINE'],
    ['an accent with no letter to sit on (q + U+0301)', 'Zoq\u0301 O\u2019Brien', 'U+0301 COMBINING ACUTE ACCENT'],
  ])('%s is refused, naming the character', (_what, typed, named) => {
    expect(() => visit(typed)).toThrow(expect.objectContaining({ code: 'E_INPUT', message: expect.stringContaining(named) }));
  });

  it('an accent is not called a control character: the message says it cannot be printed, and why', () => {
    let message = '';
    try {
      visit('Zoq\u0301 O\u2019Brien');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('cannot be printed: U+0301 COMBINING ACUTE ACCENT after "q": it has no letter with that accent to print as');
    expect(message).not.toMatch(/control characters/);
  });

  it('area, concern and note are cleaned the same way', () => {
    const v = visit('Ada Lindqvist', { area: 'Chee\u00ADks', concern: 'Acne\u200B scarring', note: 'Cafe\u0301 after 2 days.' });
    expect([v.area, v.concern, v.note]).toEqual(['Cheeks', 'Acne scarring', 'Café after 2 days.']);
  });
});
