import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

const base = ['generate', '--treatment', 'standard', '--date', '2026-11-23T14:30'];

describe('handout generate', () => {
  it('writes one readable page with the name exactly as typed and real dates (the real, built command)', async () => {
    const out = tempDir();
    const r = await spawnCli([...base, '--name', "Zoë O'Brien-Łukasiewicz", '--area', 'Full face', '--concern', 'Fine lines', '--out', out]);
    expect(r.stderr).toContain('example clinic');
    expect(r.status).toBe(0);
    const file = r.stdout.trim();
    expect(file).toBe(join(out, '2026-11-23_zoe-o-brien-lukasiewicz_standard.pdf'));
    expect(r.stdout.trim().split('\n')).toHaveLength(1);

    const pdf = await readPdf(readFileSync(file));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain("Zoë O'Brien-Łukasiewicz");
    expect(pdf.flat).toContain('Juniper Skin Studio');
    expect(pdf.flat).toContain('(555) 014-2290');
    expect(pdf.flat).toContain('Monday, November 23, 2026 at 2:30 PM');
    expect(pdf.flat).toContain('Wash your face from 6:30 PM today');
    expect(pdf.flat).toContain('No sunscreen until 2:30 PM on Tuesday, November 24');
    expect(pdf.flat).toContain('No anti-inflammatory medicines until Monday, November 30');
    expect(pdf.flat).toContain('Between Thursday, November 26 and Saturday, November 28');
    expect(pdf.flat).toContain('Until Wednesday, December 23, keep out of direct sun');
    expect(pdf.flat).toContain('between Monday, December 21 and Monday, January 4');
    expect(pdf.flat).toMatch(/Prepared \w+day, \w+ \d+, 20\d\d/);
    expect(pdf.flat).not.toMatch(/balm/i);
    expect(pdf.info.Title).toBe("Microneedling aftercare for Zoë O'Brien-Łukasiewicz");
    expect(pdf.info.Author).toBe('Juniper Skin Studio');
  });

  it('adds the occlusive balm to aggressive sheets only, on A4 too', async () => {
    const out = tempDir();
    const r = await runCli(['generate', '--treatment', 'aggressive', '--date', '2026-11-23T14:30', '--name', 'Dana Reyes', '--paper', 'a4', '--out', out]);
    expect(r.status).toBe(0);
    const pdf = await readPdf(readFileSync(r.stdout.trim()));
    expect(pdf.pages).toBe(1);
    expect(pdf.flat).toContain('Cell Protection Balm');
    expect(pdf.flat).toContain('Deep microneedling on Monday, November 23, 2026');
  });

  it('prints the plan as JSON with ISO times in the zone', async () => {
    const r = await runCli(['plan', '--name', 'Dana Reyes', '--treatment', 'aggressive', '--date', '2026-11-23T14:30', '--tz', 'America/New_York']);
    expect(r.status).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.patient).toEqual({ name: 'Dana Reyes' });
    expect(plan.treatment).toBe('aggressive');
    expect(plan.treatedAt).toBe('2026-11-23T14:30:00-05:00');
    expect(plan.timeZone).toBe('America/New_York');
    const cleanse = plan.instructions.find((i: { id: string }) => i.id === 'cleanse');
    expect(cleanse).toMatchObject({ section: 'today', from: '2026-11-23T18:30:00-05:00' });
    expect(cleanse.text).toContain('6:30 PM today');
    expect(cleanse.text).not.toContain('**');
    expect(plan.instructions.map((i: { id: string }) => i.id)).toContain('occlusive-balm');
  });

  it.each([
    [['--treatment', 'gentle'], '--treatment', 'standard, aggressive'],
    [['--date', '2026-02-30T10:00'], '--date', '2026-02-30T10:00'],
    [['--date', 'tomorrow'], '--date', '2026-11-23T14:30'],
    [['--date', '2026-03-08T02:30', '--tz', 'America/New_York'], 'clocks jump forward', '2026-03-08T02:30'],
    [['--tz', 'Mars/Olympus'], '--tz', 'America/New_York'],
    [['--name', '   '], '--name', 'cannot be empty'],
    [['--name', 'x'.repeat(81)], '--name', 'at most 80'],
    [['--note', 'n'.repeat(281)], '--note', 'at most 280'],
    [['--paper', 'legal'], '--paper', 'letter, a4'],
    [['--language', 'xx'], '--language', 'Supported languages: en'],
    [['--name', 'Bad\nName'], '--name', 'line breaks'],
  ])('refuses %j with a message naming the field and what is accepted', async (args, ...expected) => {
    const out = tempDir();
    const defaults: Record<string, string> = { '--name': 'Test Patient', '--treatment': 'standard', '--date': '2026-11-23T14:30' };
    for (let i = 0; i < args.length; i += 2) defaults[args[i]!] = args[i + 1]!;
    const r = await runCli(['generate', ...Object.entries(defaults).flat(), '--out', out]);
    expect(r.status).toBe(2);
    for (const e of expected) expect(r.stderr).toContain(e);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a name the font cannot draw, naming the character', async () => {
    const out = tempDir();
    const r = await runCli([...base, '--name', 'Test 患者', '--out', out]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('--name');
    expect(r.stderr).toContain('"患"');
    expect(readdirSync(out)).toEqual([]);
  });

  it('keeps the file inside the output folder whatever the name says', async () => {
    const out = tempDir();
    const r = await runCli([...base, '--name', '../../etc/passwd', '--out', join(out, 'sheets')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(join(out, 'sheets', '2026-11-23_etc-passwd_standard.pdf'));
    expect(readdirSync(out)).toEqual(['sheets']);
  });

  it('reports errors as JSON for scripts', async () => {
    const r = await runCli(['generate', '--name', 'A', '--treatment', 'nope', '--json']);
    expect(r.status).toBe(2);
    const body = JSON.parse(r.stdout);
    expect(body.ok).toBe(false);
    expect(body.errors[0]).toMatchObject({ code: 'E_INPUT', path: '--treatment' });
  });

  it('explains a missing required flag', async () => {
    const r = await runCli(['generate', '--treatment', 'standard']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--name');
  });

  it('validates the rules', async () => {
    const r = await runCli(['rules', 'check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ok: \d+ rules/);
  });

  it('leaves no temporary files behind', async () => {
    const out = tempDir();
    await runCli([...base, '--name', 'Test Patient', '--out', out]);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(out, '2026-11-23_test-patient_standard.pdf'))).toBe(true);
  });
});
