import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { NOW, resources } from '../helpers/resources.js';

// The PDF's bytes are collected outside PDFKit's stream (src/pdf/pdfkit-output.ts), so check what
// a strict reader relies on: every cross-reference offset points at its object.
describe('the file structure', () => {
  it('has a cross-reference table whose every offset points at its object', async () => {
    const visit = validateVisit(resources, { name: 'Zoë Łukasiewicz', treatment: 'aggressive', date: '2026-11-23T14:30', note: 'Ω ж' }, { now: NOW });
    const pdf = (await makeHandout(resources, visit, { now: NOW, pdfa: true })).pdf;
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.7\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n?$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!.map(Number) as [number, number, number];
    const entries = text.slice(startxref).split('\n').slice(2, 2 + count);
    let checked = 0;
    entries.forEach((entry, i) => {
      const [offset, , kind] = entry.trim().split(' ');
      if (kind !== 'n') return;
      expect(text.slice(Number(offset), Number(offset) + 20)).toMatch(new RegExp(`^${first + i} 0 obj`));
      checked++;
    });
    expect(checked).toBeGreaterThan(50);
  });
});
