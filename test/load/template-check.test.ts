import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

/** A copy of the built package (its rules and templates can be broken), sharing node_modules. */
function packageCopy(): string {
  const dir = tempDir('handout-pkg-');
  for (const part of ['bin', 'dist', 'rules', 'templates', 'fonts', 'examples', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function breakSpanish(pkg: string, id: string, text: string): void {
  const path = join(pkg, 'rules', 'text.es.json');
  const texts = JSON.parse(readFileSync(path, 'utf8'));
  texts[id] = text;
  writeFileSync(path, JSON.stringify(texts, null, 2));
}

const run = (pkg: string, args: string[]) => {
  const r = spawnSync(process.execPath, [join(pkg, 'bin', 'handout.js'), ...args], { cwd: pkg, encoding: 'utf8', env: { ...process.env, HANDOUT_CONFIG: '' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

describe('rules check renders every template of every language', () => {
  it.each([
    ['a misspelt variable in a rule only some visits get (led-therapy)', 'led-therapy', 'Usa LED desde {{fromm}}.', /led-therapy.*text\.es.*fromm/s],
    ['a partial that does not exist (occlusive-balm)', 'occlusive-balm', 'Usa bálsamo {{> missing}}.', /occlusive-balm.*text\.es.*missing/s],
  ])('%s: refused by rules check (exit 3); a batch stops with exit 3 instead of rejecting every row', (_what, id, text, named) => {
    const pkg = packageCopy();
    breakSpanish(pkg, id, text);
    const check = run(pkg, ['rules', 'check', '--config', join(pkg, 'examples', 'clinic.json')]);
    expect(check.stderr).toMatch(named);
    expect(check.status).toBe(3);

    const file = join(pkg, 'spanish.csv');
    writeFileSync(file, 'Name,Treatment,Date,Concern,Language\nLucía Ortega,aggressive,2026-11-23T10:00,Acne scarring,es\nMarta Gil,aggressive,2026-11-23T11:00,cicatrices,es\n');
    const batch = run(pkg, ['batch', file, '--out', join(pkg, 'out'), '--config', join(pkg, 'examples', 'clinic.json')]);
    expect(batch.stderr).toMatch(named);
    expect(batch.status).toBe(3);
  });
});

describe('rules check renders the calendar and the locked email too', () => {
  it('a misspelt variable in a calendar event description is refused by rules check (exit 3), naming the file and the rule', () => {
    const pkg = packageCopy();
    const path = join(pkg, 'templates', 'es', 'calendar.json');
    const words = JSON.parse(readFileSync(path, 'utf8'));
    words.events['next-treatment'].description = 'Pídela entre {{fromm}} y {{until}}.';
    writeFileSync(path, JSON.stringify(words, null, 2));
    const check = run(pkg, ['rules', 'check', '--config', join(pkg, 'examples', 'clinic.json')]);
    expect(check.stderr).toMatch(/calendar\.json.*fromm/s);
    expect(check.status).toBe(3);
  });

  it('a misspelt variable in the locked-PDF paragraph of the email is refused by rules check (exit 3)', () => {
    const pkg = packageCopy();
    const path = join(pkg, 'templates', 'en', 'email.json');
    const email = JSON.parse(readFileSync(path, 'utf8'));
    email.text = email.text.replace('({{password.pattern}})', '({{password.patern}})');
    writeFileSync(path, JSON.stringify(email, null, 2));
    const check = run(pkg, ['rules', 'check', '--config', join(pkg, 'examples', 'clinic.json')]);
    expect(check.stderr).toMatch(/email\.json.*patern/s);
    expect(check.status).toBe(3);
  });
});
