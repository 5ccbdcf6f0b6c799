import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW, resources } from '../helpers/resources.js';

// Fonts, shaping results and encoded subsets are shared by every document of a process. This
// proves nothing of one document leaks into the next: the 1,000th sheet reads exactly as the 1st.
describe('one process, many documents', () => {
  it('extracts the same text from the 1st and the 1,000th document', { timeout: 120_000 }, async () => {
    const visit = (name: string, i: number) =>
      validateVisit(resources, { name, treatment: i % 2 ? 'standard' : 'aggressive', date: '2026-11-23T14:30', area: 'Full face', note: i % 3 ? undefined : `Note ${i}: Ω ж ł` }, { now: NOW });
    const names = ["Zoë O'Brien", 'Łukasz Żółkiewski', 'Ελένη Παπαδοπούλου', 'Юлия Смирнова', 'Nguyễn Thị Hoa', 'Dana Reyes'];
    const first = await makeHandout(resources, visit(names[0]!, 0), { now: NOW });
    for (let i = 1; i < 999; i++) await makeHandout(resources, visit(names[i % names.length]!, i), { now: NOW });
    const last = await makeHandout(resources, visit(names[0]!, 0), { now: NOW });

    const a = await readPdf(first.pdf);
    const b = await readPdf(last.pdf);
    expect(b.text).toBe(a.text);
    expect(b.pages).toBe(1);
    expect(a.flat).toContain("Zoë O'Brien");
    expect(a.flat).toContain('Note 0: Ω ж ł');
    expect(last.pdf.equals(first.pdf)).toBe(true);
  });

  it('draws names with letters outside the common set correctly after many documents', async () => {
    const v = validateVisit(resources, { name: 'Юлия Ελένη Łucja Nguyễn', treatment: 'standard', date: '2026-11-23T14:30' }, { now: NOW });
    const pdf = await readPdf((await makeHandout(resources, v, { now: NOW })).pdf);
    expect(pdf.flat).toContain('Юлия Ελένη Łucja Nguyễn');
  });
});
