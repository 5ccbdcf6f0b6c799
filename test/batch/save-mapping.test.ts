import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveMapping } from '../../src/batch/save-mapping.js';
import { loadClinic } from '../../src/load/load-clinic.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';
import { mountTmpfs } from '../helpers/tmpfs.js';

const VAGARO_CHOICE = {
  columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name', Service: 'service', 'Service Provider': null, Status: 'status', Email: 'email', Phone: null },
  services: { 'Microneedling - Face': 'standard', 'Microneedling + PRP (Deep)': 'standard', 'Microneedling - Neck': 'aggressive' },
  statuses: { Confirmed: 'made', Show: 'made', Cancel: 'skip', 'No Show': 'skip' },
  dateOrder: 'MDY',
} as const;

const YAML = `# Juniper Skin Studio: the front desk's settings.
name: Juniper Skin Studio
phone: "(555) 014-2290"
timeZone: America/Los_Angeles # the clinic's own zone
urgent:
  # Agreed with Dr. Ames, 2026-10.
  text: Call us at once for a fever, pus or blisters, or redness, swelling or pain that gets worse instead of better, day or night, even on weekends.
  phone: "(555) 014-7788"
services:
  # Deep ones first: the first entry a service contains wins.
  Deep: aggressive
  Microneedling: standard # everything else with needles
columns:
  Appointment ID: id # Acuity
`;

function exampleJson(dir: string, indent: string | number = 2): string {
  const clinic = JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8'));
  delete clinic.logo;
  const file = join(dir, 'clinic.json');
  writeFileSync(file, JSON.stringify(clinic, null, indent) + '\n');
  return file;
}

describe('saving a mapping into the clinic config', () => {
  it('JSON: the reading keys are written, every other key and its order and the file\'s indentation kept; the schema reads it back', () => {
    const dir = tempDir();
    const file = exampleJson(dir, '\t');
    const before = JSON.parse(readFileSync(file, 'utf8'));
    const saved = saveMapping(file, VAGARO_CHOICE);
    expect(saved.written).toEqual({
      columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name' },
      services: { 'Microneedling + PRP (Deep)': 'standard', 'Microneedling - Face': 'standard', 'Microneedling - Neck': 'aggressive' },
    });
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\{\n\t"name": "Juniper Skin Studio",\n/);
    expect(text.endsWith('}\n')).toBe(true);
    const after = JSON.parse(text);
    expect(Object.keys(after)).toEqual([...Object.keys(before), 'columns', 'services']);
    for (const key of Object.keys(before)) expect(after[key]).toEqual(before[key]);
    expect(loadClinic(file).clinic.services).toEqual(saved.written.services);
    // Nothing left beside it.
    expect(readdirSync(dir)).toEqual(['clinic.json']);
  });

  it('YAML: every comment and every other entry stays where it was; new services go first', () => {
    const dir = tempDir();
    const file = join(dir, 'clinic.yaml');
    writeFileSync(file, YAML);
    saveMapping(file, { ...VAGARO_CHOICE, dateOrder: 'DMY' });
    const text = readFileSync(file, 'utf8');
    for (const comment of ["# Juniper Skin Studio: the front desk's settings.", '# the clinic\'s own zone', '# Agreed with Dr. Ames, 2026-10.', '# Deep ones first: the first entry a service contains wins.', '# everything else with needles', '# Acuity']) {
      expect(text).toContain(comment);
    }
    // The long line is not folded, the rest of the file reads as before.
    expect(text).toContain('text: Call us at once for a fever, pus or blisters, or redness, swelling or pain that gets worse instead of better, day or night, even on weekends.\n');
    expect(text.startsWith(YAML.split('services:')[0]!)).toBe(true);
    const clinic = loadClinic(file).clinic;
    expect(Object.entries(clinic.services!)).toEqual([
      ['Microneedling + PRP (Deep)', 'standard'],
      ['Microneedling - Neck', 'aggressive'],
      ['Deep', 'aggressive'],
      ['Microneedling', 'standard'],
    ]);
    expect(clinic.columns).toEqual({ 'Appointment ID': 'id', 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name' });
    expect(clinic.dateOrder).toBe('DMY');
  });

  it('keeps the file\'s permissions (a config with an SMTP password stays private) and writes through a link to its file', () => {
    const dir = tempDir();
    const real = exampleJson(dir);
    chmodSync(real, 0o600);
    mkdirSync(join(dir, 'desk'));
    const link = join(dir, 'desk', 'clinic.json');
    symlinkSync(real, link);
    const saved = saveMapping(link, { columns: { Client: 'name' } });
    expect(saved.file).toBe(real);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(statSync(real).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(real, 'utf8')).columns).toEqual({ Client: 'name' });
  });

  it('writes nothing when the config already says it all', () => {
    const file = exampleJson(tempDir());
    const before = statSync(file).mtimeMs;
    const text = readFileSync(file, 'utf8');
    expect(saveMapping(file, { columns: { Name: 'name', Date: 'date' }, statuses: { Confirmed: 'made' } }).written).toEqual({});
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('a read-only config is refused, naming the file; so is one broken since the server read it', () => {
    const dir = tempDir();
    const file = exampleJson(dir);
    chmodSync(file, 0o444);
    expect(() => saveMapping(file, { columns: { Client: 'name' } })).toThrow(`the clinic config ${file} is read-only (its permissions let nobody write it), so the settings were not saved`);
    chmodSync(file, 0o644);
    writeFileSync(file, '{"name": "Juniper", ');
    expect(() => saveMapping(file, { columns: { Client: 'name' } })).toThrow(`the clinic config ${file} is not valid JSON, so the settings were not saved`);
    writeFileSync(file, JSON.stringify({ name: 'Juniper', phone: '1', timeZone: 'Mars/Base' }));
    expect(() => saveMapping(file, { columns: { Client: 'name' } })).toThrow(`${file}: timeZone: is not a known IANA time zone`);
  });

  it('a config on a read-only disk: the reason and the file, nothing changed', async (ctx) => {
    const fs = mountTmpfs('size=1m');
    if (typeof fs === 'string') return ctx.skip(fs);
    try {
      const file = exampleJson(fs.dir);
      const text = readFileSync(file, 'utf8');
      execFileSync('mount', ['-o', 'remount,ro', fs.dir]);
      expect(() => saveMapping(file, { columns: { Client: 'name' } })).toThrow(new RegExp(`^the clinic config ${file} cannot be written \\(${fs.dir} is on a read-only disk\\), so the settings were not saved$`));
      expect(readFileSync(file, 'utf8')).toBe(text);
    } finally {
      fs.unmount();
    }
  });
});
