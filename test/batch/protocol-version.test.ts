import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Manifest, MANIFEST } from '../../src/batch/manifest.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { clinicWith } from '../helpers/clinic.js';
import { readLog, writeAppointments } from '../helpers/email-setup.js';
import { readPdf } from '../helpers/pdf.js';
import { clinicWithProtocol } from '../helpers/protocol.js';

const ROWS = [
  { id: 'V-1', name: 'Ada Lindqvist', treatment: 'standard', date: '2026-11-23T09:30', email: 'ada@example.com' },
  { id: 'V-2', name: 'Bruno Okafor', treatment: 'aggressive', date: '2026-11-23T10:15', email: 'bruno@example.com', language: 'es' },
];

/** The version each PDF's footer shows, by file name. */
async function footerVersions(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.pdf'))) {
    const { flat } = await readPdf(readFileSync(join(dir, f)));
    out[f] = /· Protocolo? (.+)$/.exec(flat.trim())![1]!;
  }
  return out;
}

describe('the protocol version: on the sheet, in the batch manifest and in the delivery log', () => {
  it.each([
    ["the clinic's label", () => clinicWithProtocol({ 'protocol.json': { version: 'v4 (Jan)', rules: [] } }).config, 'v4 (Jan)'],
    ['a short hash of the files, without a label', () => clinicWith({}), /^[0-9a-f]{7}$/],
  ])('%s', async (_label, makeConfig, expected) => {
    const config = makeConfig();
    const dir = tempDir();
    const file = writeAppointments(dir, ROWS);
    const out = join(dir, 'out');
    const r = await runCli(['email', file, '--out', out, '--dry-run', '--config', config]);
    expect(r.status, r.stderr).toBe(0);

    const versions = await footerVersions(join(out, '2026-11-23'));
    const version = Object.values(versions)[0]!;
    if (typeof expected === 'string') expect(version).toBe(expected);
    else expect(version).toMatch(expected);
    expect(Object.values(versions)).toEqual([version, version]);

    // The manifest records it for every sheet, as "protocol=<version, URI-encoded>".
    const manifest = readFileSync(join(out, '2026-11-23', MANIFEST), 'utf8').trim().split('\n');
    expect(manifest).toHaveLength(2);
    for (const line of manifest) expect(line).toContain(` protocol=${encodeURIComponent(version)} `);
    const m = new Manifest(join(out, '2026-11-23'));
    for (const name of Object.keys(versions)) expect(m.protocolOf(name)).toBe(version);

    // The delivery log records it with every message.
    const log = readLog(out);
    expect(log).toHaveLength(2);
    for (const entry of log) expect(entry.protocol).toBe(version);
  });

  it('a changed protocol re-makes the sheets with the new version', async () => {
    const { config, dir: protocolDir } = clinicWithProtocol({ 'protocol.json': { version: 'A', rules: [] } });
    const dir = tempDir();
    const file = writeAppointments(dir, ROWS);
    const out = join(dir, 'out');
    expect((await runCli(['batch', file, '--out', out, '--config', config, '--jobs', '1'])).stdout).toContain('2 sheets made');
    writeFileSync(join(protocolDir, 'protocol.json'), JSON.stringify({ version: 'B', rules: [{ id: 'moisturize', text: { en: '**Keep your skin moist.**' } }] }));
    const again = await runCli(['batch', file, '--out', out, '--config', config, '--jobs', '1', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ made: 2, unchanged: 0, protocol: 'B' });
    expect(Object.values(await footerVersions(join(out, '2026-11-23')))).toEqual(['B', 'B']);
  });

  it('reads manifest lines written before versions were recorded', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.pdf'), 'x');
    writeFileSync(join(dir, MANIFEST), `${'a'.repeat(64)} ${'b'.repeat(64)} a.pdf\n${'c'.repeat(64)} ${'d'.repeat(64)} protocol=v%202 b.pdf\n`);
    const m = new Manifest(dir);
    expect(m.protocolOf('a.pdf')).toBeUndefined();
    expect(m.protocolOf('b.pdf')).toBe('v 2');
  });
});
