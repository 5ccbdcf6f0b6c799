import { describe, expect, it } from 'vitest';
import { rulesCheck } from '../../src/cli/commands/rules-check.js';
import { HandoutErrors, type HandoutError } from '../../src/errors.js';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';
import { clinicWithProtocol } from '../helpers/protocol.js';
import { NOW } from '../helpers/resources.js';

/** A clinic that changes two bundled rules (one field each), adds one, and drops one. */
const PROTOCOL = {
  version: 'Juniper 2027-01',
  rules: [
    { id: 'no-sunscreen', text: { en: '**Skip sunscreen until {{until}}.** Wear a wide hat outside instead.' } },
    { id: 'cleanse', from: { hours: 6 } },
    {
      id: 'cold-compress',
      section: 'today',
      until: { hours: 48 },
      text: { en: '**Until {{until}},** a clean, cool (not icy) cloth may ease the heat.', es: '**Hasta {{until}},** un paño limpio y fresco (no helado) puede aliviar el calor.' },
    },
  ],
  drop: ['results'],
};
const TEXT_ES = { 'no-sunscreen': '**Nada de protector solar hasta {{until}}.** Usa un sombrero ancho afuera.' };

async function sheet(config: string, fields: Record<string, string> = {}) {
  const resources = new Resources({ config });
  const visit = validateVisit(resources, { name: 'Dana Reyes', treatment: 'standard', date: '2026-11-23T14:30', ...fields }, { now: NOW });
  return readPdf((await makeHandout(resources, visit, { now: NOW })).pdf);
}

describe("a clinic's own protocol folder", () => {
  const { config, dir } = clinicWithProtocol({ 'protocol.json': PROTOCOL, 'text.es.json': TEXT_ES });

  it("puts the clinic's words on the sheet: changed, added and dropped rules, with their dates", async () => {
    const pdf = await sheet(config);
    expect(pdf.pages).toBe(1);
    // Changed text (only text.en given): the clinic's words, the bundled timing.
    expect(pdf.flat).toContain('Skip sunscreen until 2:30 PM on Tuesday, November 24. Wear a wide hat outside instead.');
    expect(pdf.flat).not.toContain('No sunscreen until');
    // Changed timing only (from: 6 hours): the bundled words, the clinic's time.
    expect(pdf.flat).toContain('Wash your face from 8:30 PM today, not before.');
    // Added: in its section, with its date.
    expect(pdf.flat).toContain('Until 2:30 PM on Wednesday, November 25, a clean, cool (not icy) cloth may ease the heat.');
    // Dropped.
    expect(pdf.flat).not.toContain('Most patients see their skin keep getting better');
    // Every other bundled rule is still there.
    expect(pdf.flat).toContain('No anti-inflammatory medicines until Monday, November 30');
    // The clinic's label in the footer.
    expect(pdf.flat).toContain('Protocol Juniper 2027-01');
  });

  it('uses the clinic\'s Spanish text (text.es.json) and its new rule in Spanish', async () => {
    const pdf = await sheet(config, { language: 'es' });
    expect(pdf.pages).toBe(1);
    expect(pdf.flat).toContain('Nada de protector solar hasta el martes 24 de noviembre a las 2:30 p. m. Usa un sombrero ancho afuera.');
    expect(pdf.flat).toContain('Hasta el miércoles 25 de noviembre a las 2:30 p. m., un paño limpio y fresco');
    expect(pdf.flat).toContain('Lávate la cara desde hoy a las 8:30 p. m., no antes.');
    expect(pdf.flat).toContain('Protocolo Juniper 2027-01');
  });

  it('leaves the bundled rules as they are for another clinic in the same process', async () => {
    const pdf = await sheet(clinicWithProtocol({ 'protocol.json': { rules: [], drop: [] } }).config);
    expect(pdf.flat).toContain('No sunscreen until 2:30 PM on Tuesday, November 24.');
    expect(pdf.flat).toContain('Wash your face from 6:30 PM today');
    expect(pdf.flat).toMatch(/Protocol [0-9a-f]{7}/);
  });

  it('rules check lists where each rule on the sheet comes from', async () => {
    const warnings: string[] = [];
    const r = rulesCheck({ config }, (m) => warnings.push(m));
    const by = new Map(r.sources.map((s) => [s.id, s]));
    expect(by.get('no-sunscreen')).toMatchObject({ origin: 'changed', fields: ['text.en', 'text.es'] });
    expect(by.get('cleanse')).toMatchObject({ origin: 'changed', fields: ['from'], file: `${dir}/protocol.json` });
    expect(by.get('cold-compress')).toMatchObject({ origin: 'added', section: 'today', file: `${dir}/protocol.json` });
    expect(by.get('results')).toMatchObject({ origin: 'dropped' });
    expect(by.get('contact')).toMatchObject({ origin: 'bundled' });
    expect(r.protocol).toMatchObject({ version: 'Juniper 2027-01', label: 'Juniper 2027-01', dir });
    expect(warnings).toEqual([]);
  });

  it('the real command prints the list', async () => {
    const out = await runCli(['rules', 'check', '--config', config]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('protocol version Juniper 2027-01');
    expect(out.stdout).toMatch(/no-sunscreen +today +changed \(text\.en, text\.es\) +.*protocol\.json/);
    expect(out.stdout).toMatch(/cold-compress +today +added +.*protocol\.json/);
    expect(out.stdout).toMatch(/results +later +dropped/);
    expect(out.stdout).toMatch(/expect +expect +bundled +rules\/protocol\.json/);
  });

  it('warns when a rule was changed in one language only (the other still shows the bundled words)', async () => {
    const one = clinicWithProtocol({ 'protocol.json': { rules: [{ id: 'moisturize', text: { en: '**Keep your skin moist** all day.' } }] } });
    const warnings: string[] = [];
    rulesCheck({ config: one.config }, (m) => warnings.push(m));
    expect(warnings.join('\n')).toContain('moisturize: the clinic changed its en text but not es');
  });
});

describe('a bad clinic protocol is named by file, rule id and field', () => {
  const errorsOf = (config: string): HandoutError[] => {
    try {
      rulesCheck({ config }, () => {});
    } catch (e) {
      return e instanceof HandoutErrors ? e.errors : [e as HandoutError];
    }
    throw new Error('no error');
  };

  it.each([
    ['a bad offset on a bundled rule', { rules: [{ id: 'cleanse', from: { hours: -2 } }] }, 'protocol.json#cleanse.from', 'E_RULES'],
    ['an unknown field', { rules: [{ id: 'cleanse', txt: { en: 'x' } }] }, 'protocol.json#cleanse', 'txt'],
    ['a new rule without a section', { rules: [{ id: 'my-rule', text: { en: 'Rest.' } }] }, 'protocol.json#my-rule.section', 'needs at least section and text'],
    ['a new rule without text', { rules: [{ id: 'my-rule', section: 'today' }] }, 'protocol.json#my-rule.text', 'E_RULES'],
    ['a section that does not exist', { rules: [{ id: 'moisturize', section: 'tomorrow' }] }, 'protocol.json#moisturize.section', 'today'],
    ['dropping an unknown id', { drop: ['no-such-rule'] }, 'protocol.json#drop.0', 'no-such-rule'],
    ['changing and dropping one rule', { rules: [{ id: 'results', text: { en: 'x' } }], drop: ['results'] }, 'protocol.json#drop.0', 'both changed'],
    ['a misspelt variable', { rules: [{ id: 'no-heat', text: { en: '**Until {{untill}}:** no heat.' } }] }, 'protocol.json#no-heat.text.en', 'untill'],
    ['{{from}} in a rule with no from', { rules: [{ id: 'moisturize', text: { en: 'From {{from}}, moisturize.' } }] }, 'protocol.json#moisturize.text.en', 'has no from'],
    ['an unknown named time', { rules: [{ id: 'no-heat', text: { en: '**Until {{at.later}}:** no heat.' } }] }, 'protocol.json#no-heat.text.en', 'later'],
    ['a broken template', { rules: [{ id: 'no-heat', text: { en: '**Until {{until}:** no heat.' } }] }, 'protocol.json#no-heat.text.en', 'E_RULES'],
  ])('%s', (_label, protocol, path, words) => {
    const { config, dir } = clinicWithProtocol({ 'protocol.json': protocol });
    const errors = errorsOf(config);
    const e = errors.find((x) => x.path?.startsWith(`${dir}/${path}`));
    expect(e, errors.map((x) => x.path + ' ' + x.message).join('\n')).toBeDefined();
    expect(`${e!.code} ${e!.message} ${e!.hint ?? ''}`).toContain(words);
  });

  it('names an unknown id in text.<lang>.json', async () => {
    const { config, dir } = clinicWithProtocol({ 'protocol.json': { rules: [] }, 'text.es.json': { 'no-sunscren': 'x' } });
    expect(errorsOf(config).map((e) => e.path)).toEqual([`${dir}/text.es.json#no-sunscren`]);
  });

  it('names a missing folder by the config field', async () => {
    const errors = errorsOf(clinicWithProtocol({}, { protocol: './no-such-folder' }).config);
    expect(errors[0]!.code).toBe('E_CONFIG');
    expect(errors[0]!.path).toMatch(/clinic\.json: protocol$/);
    expect(errors[0]!.message).toContain('no-such-folder does not exist');
  });

  it('the real command exits 3 and prints the file, id and field', async () => {
    const { config, dir } = clinicWithProtocol({ 'protocol.json': { rules: [{ id: 'cleanse', from: { minutes: 30 } }] } });
    const r = await runCli(['rules', 'check', '--config', config]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain(`${dir}/protocol.json#cleanse.from`);
    const out = tempDir();
    const g = await runCli(['generate', '--name', 'Dana Reyes', '--treatment', 'standard', '--config', config, '--out', out]);
    expect(g.status).toBe(3);
    expect(g.stderr).toContain(`${dir}/protocol.json#cleanse.from`);
  });
});
