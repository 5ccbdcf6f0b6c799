import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planHandout, validateVisit } from '../../src/handout.js';
import { plain } from '../../src/load/handlebars.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { NOW, resources } from '../helpers/resources.js';

const NAME = 'María José Núñez-Ibáñez';

async function generate(args: string[]) {
  const out = tempDir();
  const r = await runCli(['generate', '--name', NAME, '--date', '2026-11-23T09:30', '--language', 'es', '--out', out, ...args]);
  return { ...r, out };
}

describe('a Spanish sheet (the real command, --language es)', () => {
  it.each(['letter', 'a4'])('is all Spanish, on one %s page, with Spanish dates and the name intact', async (paper) => {
    const r = await generate(['--treatment', 'aggressive', '--area', 'Mejillas y ojeras', '--concern', 'Cicatrices de acné', '--paper', paper, '--note', 'Hoy usamos más profundidad en las mejillas.']);
    expect(r.status).toBe(0);
    const pdf = await readPdf(readFileSync(r.stdout.trim()));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain(NAME);
    const t = pdf.flat;
    // Title, headings, the patient's lines and the footer.
    for (const s of ['Cuidados después de las microagujas', 'Hoy y esta noche', 'Qué es normal', 'Los primeros 3 días', 'Del día 3 al 7', 'Las próximas semanas', '¿Preguntas?']) {
      expect(t).toContain(s);
    }
    expect(t).toContain('Microagujas profundas: lunes 23 de noviembre de 2026, 9:30 a. m.');
    expect(t).toContain('Zona: Mejillas y ojeras');
    // "Prepared" is today: miércoles and sábado have accents, which \w does not match.
    expect(t).toMatch(/Preparado el \p{L}+ \d+ de \p{L}+ de 20\d\d, \d+:\d\d [ap]\. m\. por Juniper Skin Studio\. · Protocolo [0-9a-f]{7}/u);
    // Instructions with their dates: weekday, day "de" month; times "9:30 a. m.", "a la 1:30".
    expect(t).toContain('Lávate la cara desde hoy a la 1:30 p. m., no antes.');
    expect(t).toContain('Hasta el martes 24 de noviembre a las 9:30 a. m.: después de lavarte, ponte solo ácido hialurónico.');
    expect(t).toContain('Sin protector solar hasta el martes 24 de noviembre a las 9:30 a. m. Mientras tanto');
    expect(t).toContain('No tomes antiinflamatorios hasta el lunes 30 de noviembre');
    expect(t).toContain('Entre el jueves 26 de noviembre y el sábado 28 de noviembre');
    expect(t).toContain('Hasta el miércoles 23 de diciembre, evita el sol directo');
    expect(t).toContain('entre el lunes 21 de diciembre y el lunes 4 de enero');
    expect(t).toContain('Llámanos al (555) 014-2290.');
    // The rules that depend on the visit, matched from Spanish words too.
    expect(t).toContain('Cell Protection Balm');
    expect(t).toContain('más o menos hasta el viernes 27 de noviembre'); // eye swelling: "ojeras"
    expect(t).toContain('terapia de luz LED'); // "cicatrices"
    // Nothing left in English, no doubled periods, no "de el" / "a el".
    expect(t).not.toMatch(/\b(Monday|Tuesday|November|Today|Wash|until|PM)\b/);
    expect(t).not.toMatch(/\.\.| de el | a el /);
    // No comma between weekday and day in running text: "el martes 24 de noviembre".
    expect(t).not.toMatch(/(lunes|martes|miércoles|jueves|viernes|sábado|domingo),/);
    // The provider's title in Spanish, from the config; not the English one.
    expect(t).toContain('Una nota de la enfermera Avery Quinn');
    expect(pdf.info.Title).toBe(`Cuidados después de las microagujas para ${NAME}`);
  });

  it('gives a standard sheet without the deeper-treatment balm', async () => {
    const r = await generate(['--treatment', 'standard']);
    expect(r.status).toBe(0);
    const pdf = await readPdf(readFileSync(r.stdout.trim()));
    expect(pdf.pages).toBe(1);
    expect(pdf.flat).toContain('Microagujas: lunes 23 de noviembre de 2026, 9:30 a. m.');
    expect(pdf.flat).not.toMatch(/bálsamo|Balm/);
  });

  it('refuses an unsupported language, listing the supported ones', async () => {
    const r = await generate(['--treatment', 'standard', '--language', 'fr']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--language: "fr" is not a supported language');
    expect(r.stderr).toContain('Supported languages: en, es.');
    expect(readdirSync(r.out)).toEqual([]);
  });

  it('has Spanish text for every rule (rules check warns about nothing)', async () => {
    const r = await runCli(['rules', 'check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('languages: en, es');
    expect(r.stderr).not.toContain('warning');
  });
});

describe('Spanish date phrases', () => {
  const texts = (date: string, tz?: string) => {
    const visit = validateVisit(resources, { name: 'Ana', treatment: 'aggressive', date, language: 'es', area: 'ojos', concern: 'arrugas', ...(tz && { timeZone: tz }) }, { now: NOW });
    return planHandout(resources, visit, NOW).text.sections.flatMap((s) => s.items.map((i) => i.text));
  };

  it.each([
    ['2026-11-23T09:30', 'hoy a la 1:30 p. m.'],
    ['2026-11-23T08:15', 'hoy a las 12:15 p. m.'],
    ['2026-11-23T21:10', 'el martes 24 de noviembre a la 1:10 a. m.'],
    ['2026-09-15T10:30', 'hoy a las 2:30 p. m.'],
  ])('treated %s: washing from "%s"', async (date, phrase) => {
    expect(plain(texts(date).find((t) => t.includes('Lávate la cara'))!)).toContain(`desde ${phrase}`);
  });

  it('never writes "de el" or "a el" and never two periods, whatever the date', async () => {
    for (const date of ['2026-01-01T00:30', '2026-03-07T13:00', '2026-09-15T10:30', '2026-12-29T23:59']) {
      for (const t of texts(date, 'America/New_York')) {
        expect(t).not.toMatch(/\b(de|a) el\b|\.\./);
        expect(t).not.toMatch(/\b(de|a) \uE000?el\b/);
      }
    }
  });
});
