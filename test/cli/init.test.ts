import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { readPdf } from '../helpers/pdf.js';

describe('handout init, then the commands it suggests, on a clean folder (the real command)', () => {
  const cwd = tempDir('handout-init-');

  it('makes clinic.json with every field and a protocol folder with one worked example, and prints three commands', async () => {
    const r = await runCli(['init', 'my-clinic'], { cwd });
    expect(r.status).toBe(0);
    expect(readdirSync(join(cwd, 'my-clinic')).sort()).toEqual(['clinic.json', 'protocol']);
    expect(readdirSync(join(cwd, 'my-clinic', 'protocol'))).toEqual(['protocol.json']);
    const clinic = JSON.parse(readFileSync(join(cwd, 'my-clinic', 'clinic.json'), 'utf8'));
    for (const field of ['name', 'phone', 'address', 'provider', 'providerTitle', 'website', 'timeZone', 'paper', 'language', 'protocol', 'urgent', 'columns', 'email', 'smtp']) {
      expect(clinic).toHaveProperty(field);
    }
    const protocol = JSON.parse(readFileSync(join(cwd, 'my-clinic', 'protocol', 'protocol.json'), 'utf8'));
    expect(protocol.rules).toHaveLength(1);
    const commands = r.stdout.split('\n').filter((l) => /^ {2}\d\. npx handout /.test(l));
    expect(commands).toHaveLength(3);
  });

  it('each suggested command works as printed', async () => {
    const commands = (await runCli(['init', 'second'], { cwd })).stdout.split('\n').filter((l) => /^ {2}\d\. npx handout /.test(l)).map((l) => l.replace(/^ {2}\d\. npx handout /, ''));
    const args = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);

    const check = await runCli(args(commands[0]!), { cwd });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/contact +questions +changed \(text\.en, text\.es\)/);
    // The placeholders would print on patients' sheets: rules check says which are left.
    expect(check.stderr).toContain('still the placeholder from handout init: name, phone');

    for (const [i, language] of [[1, 'en'], [2, 'es']] as const) {
      const g = await runCli(args(commands[i]!), { cwd });
      expect(g.status, g.stderr).toBe(0);
      const pdf = await readPdf(readFileSync(g.stdout.trim()));
      expect(pdf.pages).toBe(1);
      // The worked example's words, and the new clinic's protocol version.
      expect(pdf.flat).toContain(language === 'en' ? 'We are glad to help.' : 'Con gusto te ayudamos.');
      expect(pdf.flat).toContain(language === 'en' ? 'Protocol 1' : 'Protocolo 1');
    }
  });

  it('never overwrites a clinic folder', async () => {
    const before = readFileSync(join(cwd, 'my-clinic', 'clinic.json'), 'utf8');
    const r = await runCli(['init', 'my-clinic'], { cwd });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('clinic.json already exists');
    expect(readFileSync(join(cwd, 'my-clinic', 'clinic.json'), 'utf8')).toBe(before);
  });
});
