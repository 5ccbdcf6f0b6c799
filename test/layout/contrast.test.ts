import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { COLORS } from '../../src/layout/page.js';
import { pageContent, PdfFile } from '../helpers/pdf-objects.js';
import { NOW, resources } from '../helpers/resources.js';

/** WCAG 2 relative luminance of an sRGB colour like "#0b5960". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG 2 contrast ratio, from 1:1 to 21:1. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const TEXT_COLORS = { ink: COLORS.ink, muted: COLORS.muted, accent: COLORS.accent };
const BACKGROUNDS = { white: '#ffffff', 'the note tint': COLORS.tint };

describe('colour', () => {
  it('computes WCAG contrast like the reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  const pairs = Object.entries(TEXT_COLORS).flatMap(([name, fg]) => Object.entries(BACKGROUNDS).map(([bg, bgHex]) => [name, fg, bg, bgHex] as const));
  it.each(pairs)('%s text (%s) on %s (%s) has a contrast of at least 4.5:1', (_name, fg, _bg, bgHex) => {
    const ratio = contrast(fg, bgHex);
    console.log(`${fg} on ${bgHex}: ${ratio.toFixed(2)}:1`);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('draws every piece of text of a real sheet in a colour with at least 4.5:1 on white and on the note tint (read from the PDF)', async () => {
    const visit = validateVisit(resources, { name: 'Dana Reyes', treatment: 'aggressive', date: '2026-11-23T14:30', note: 'A note.' }, { now: NOW });
    const { pdf } = await makeHandout(resources, visit, { now: NOW });
    const drawn = pageContent(new PdfFile(pdf)).textColors;
    // The colours the page really uses (rounded to 8 bits as the renderer writes them), not the palette's names.
    expect(drawn.size).toBeGreaterThanOrEqual(3);
    for (const color of drawn) {
      for (const background of Object.values(BACKGROUNDS)) {
        expect(contrast(color, background), `${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('is never the only sign of a heading: headings are bold and larger, and read in grayscale', async () => {
    const visit = validateVisit(resources, { name: 'Dana Reyes', treatment: 'standard', date: '2026-11-23T14:30' }, { now: NOW });
    const { layout } = await makeHandout(resources, visit, { now: NOW });
    for (const block of layout.blocks.filter((b) => b.role === 'H1' || b.role === 'H2')) {
      for (const line of block.lines) {
        expect(line.size).toBeGreaterThan(layout.bodySize);
        expect(line.spans.every((s) => s.style === 'bold')).toBe(true);
      }
    }
    // The part of each instruction a patient scans for is bold, not only coloured.
    const items = layout.blocks.filter((b) => b.role === 'LI');
    expect(items.filter((b) => b.lines.some((l) => l.spans.some((s) => s.style === 'bold'))).length).toBeGreaterThan(items.length * 0.8);
    expect(items.every((b) => b.bullet)).toBe(true);
  });
});
