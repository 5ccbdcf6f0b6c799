import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { COLORS } from '../../src/layout/page.js';
import { clinicWith } from '../helpers/clinic.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW } from '../helpers/resources.js';

async function sheet(changes: Record<string, unknown>, language = 'en') {
  const resources = new Resources({ config: clinicWith(changes) });
  const visit = validateVisit(resources, { name: 'Dana Reyes', treatment: 'standard', date: '2026-11-23T14:30', language }, { now: NOW });
  const handout = await makeHandout(resources, visit, { now: NOW });
  return { handout, pdf: await readPdf(handout.pdf) };
}

const URGENT = { text: { en: 'Call us at once for a fever or pus.', es: 'Llámanos de inmediato si tienes fiebre o pus.' }, phone: '(555) 014-7788' };

describe("the clinic's urgent block", () => {
  it("shows the clinic's words and after-hours number, set apart above the instructions", async () => {
    const { handout, pdf } = await sheet({ urgent: URGENT });
    expect(pdf.flat).toContain('Urgent: Call us at once for a fever or pus. After hours, call (555) 014-7788.');
    const blocks = handout.layout.blocks;
    const urgent = blocks.find((b) => b.id === 'urgent')!;
    const firstHeading = blocks.find((b) => b.role === 'H2')!;
    // Full width, above both columns.
    expect(urgent.lines.at(-1)!.y).toBeLessThan(firstHeading.lines[0]!.y);
    expect(blocks.indexOf(urgent)).toBeLessThan(blocks.indexOf(firstHeading));
    // Set apart: a border of its own colour around it.
    const border = handout.layout.shapes.filter((s) => s.color === COLORS.urgent);
    expect(border).toHaveLength(4);
    const top = Math.min(...border.map((s) => s.y));
    const bottom = Math.max(...border.map((s) => s.y + s.h));
    for (const line of urgent.lines) {
      expect(line.y).toBeGreaterThan(top);
      expect(line.y + line.size).toBeLessThan(bottom);
    }
  });

  it('is in the sheet language, else in the clinic language', async () => {
    expect((await sheet({ urgent: URGENT }, 'es')).pdf.flat).toContain('Urgente: Llámanos de inmediato si tienes fiebre o pus. Fuera de horario, llama al (555) 014-7788.');
    const onlyEnglish = await sheet({ urgent: { text: { en: 'Call us at once for a fever.' } } }, 'es');
    expect(onlyEnglish.pdf.flat).toContain('Urgente: Call us at once for a fever.');
    const oneText = await sheet({ urgent: { text: 'Call us at once for a fever.' } });
    expect(oneText.pdf.flat).toContain('Urgent: Call us at once for a fever.');
    expect(oneText.pdf.flat).not.toContain('After hours');
  });

  it('is absent without the config block: the product adds no medical advice of its own', async () => {
    for (const language of ['en', 'es']) {
      const { handout, pdf } = await sheet({ urgent: undefined }, language);
      expect(pdf.flat).not.toMatch(/Urgent|Urgente|After hours|Fuera de horario/);
      expect(handout.layout.blocks.some((b) => b.id === 'urgent')).toBe(false);
      expect(handout.layout.shapes.some((s) => s.color === COLORS.urgent)).toBe(false);
    }
  });

  it('refuses a text too long for the page, naming the field', () => {
    const resources = new Resources({ config: clinicWith({ urgent: { text: { en: 'x'.repeat(161) } } }) });
    expect(() => resources.clinic).toThrow(/urgent\.text.*(160|string)/);
  });
});

describe("the provider's title per language", () => {
  it('prints the title of the sheet language, never another language\'s', async () => {
    const note = (language: string, changes: Record<string, unknown>) =>
      (async () => {
        const resources = new Resources({ config: clinicWith(changes) });
        const visit = validateVisit(resources, { name: 'Dana Reyes', treatment: 'standard', date: '2026-11-23T14:30', language, note: 'Rest tonight.' }, { now: NOW });
        return (await readPdf((await makeHandout(resources, visit, { now: NOW })).pdf)).flat;
      })();
    expect(await note('en', {})).toContain('A note from Nurse Avery Quinn:');
    expect(await note('es', {})).toContain('Una nota de la enfermera Avery Quinn:');
    const es = await note('es', { providerTitle: { en: 'Nurse' } });
    expect(es).toContain('Una nota de Avery Quinn:');
    expect(es).not.toContain('Nurse');
  });
});
