import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli, tempDir } from '../helpers/cli.js';
import { EXPORTS } from '../helpers/exports.js';

// The real command, as a clinic meets it the first time: a booking system's export, no mapping yet.
describe('handout columns, then handout batch with what it suggests', () => {
  it('shows each header and what it maps to, the services and statuses and what each becomes, the date format, and a block that makes the batch work', async () => {
    const file = join(EXPORTS, 'vagaro.csv');
    const r = await runCli(['columns', file, '--config', EXAMPLE_CONFIG]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Customer          -> name (suggested)');
    expect(r.stdout).toContain('Service Provider  -> (not used)');
    expect(r.stdout).toContain('"Microneedling + PRP (Deep)" (1) -> not mapped yet');
    expect(r.stdout).toContain('"Cancel" (1) -> skipped');
    expect(r.stdout).toContain('"Show" (1) -> sheet made');
    expect(r.stdout).toContain('month/day/year (11/24/2026 2:30 PM) + a time column: 5 row(s), e.g. "11/24/2026"');
    expect(r.stdout).toContain('"Appointment Date": "date"');

    // Paste what it suggests into the clinic config, as a clinic would.
    const found = JSON.parse((await runCli(['columns', file, '--config', EXAMPLE_CONFIG, '--json'])).stdout);
    expect(found.paste).toEqual({
      columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name' },
      services: { Deep: 'aggressive', PRP: 'aggressive', Microneedling: 'standard' },
    });
    const dir = tempDir();
    const config = join(dir, 'clinic.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')), logo: undefined, ...found.paste }));
    const b = await runCli(['batch', file, '--out', join(dir, 'out'), '--config', config, '--jobs', '1']);
    expect(b.stderr).toBe('');
    expect(b.status).toBe(0); // skipped rows do not make the exit code non-zero
    expect(b.stdout.trim().split('\n')).toEqual([
      'line 4 skipped: Status is "Cancel"',
      'line 5 skipped: Status is "No Show"',
      `3 sheets made, 0 already up to date, 2 skipped, 0 rows rejected: ${join(dir, 'out')} (2026-11-24, 2027-01-01)`,
    ]);
    const j = JSON.parse((await runCli(['batch', file, '--out', join(dir, 'out'), '--config', config, '--jobs', '1', '--json'])).stdout);
    expect(j).toMatchObject({ ok: true, made: 0, unchanged: 3, skipped: 2, rejected: 0 });
    expect(j.rows[2]).toEqual({ line: 4, status: 'skipped', reason: 'Status is "Cancel"' });
  });

  it('says which entry of "services" skips a service, and which statuses nobody named; the batch says why such a row is skipped', async () => {
    const dir = tempDir();
    const config = join(dir, 'clinic.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')), logo: undefined, columns: { 'Start time': 'date', Type: 'service' }, services: { Botox: 'skip', Microneedling: 'standard' }, statuses: { Waitlist: 'skip' } }));
    const file = join(dir, 'acuity.csv');
    writeFileSync(
      file,
      [
        '"Status","Start time","First name","Last name","Type"',
        '"Pending","November 24, 2026 2:30 pm","Marisol","Quintero-Hale","SkinPen Microneedling (60 min)"',
        '"Booked","November 24, 2026 10:00 am","Wren","Achterberg","Botox - Forehead"',
        '"Waitlist","November 24, 2026 11:00 am","Tobias","de Vries","SkinPen Microneedling (60 min)"',
      ].join('\n'),
    );
    const r = await runCli(['columns', file, '--config', config]);
    expect(r.stdout).toContain('"Botox - Forehead" (1) -> skipped ("Botox": "skip")');
    expect(r.stdout).toContain('"Pending" (1) -> sheet made (not a usual status, and the config\'s "statuses" does not name it: check it)');
    expect(r.stdout).toContain('"Booked" (1) -> sheet made\n');
    expect(r.stdout).toContain('"Waitlist" (1) -> skipped\n');
    const b = JSON.parse((await runCli(['batch', file, '--out', join(dir, 'out'), '--config', config, '--jobs', '1', '--json'])).stdout);
    expect(b.rows.find((x: { reason?: string }) => x.reason?.includes('Botox'))?.reason).toBe('Type "Botox - Forehead" is not an aftercare visit (the clinic config\'s "services" says "skip")');
  });

  it('stops a batch whose file names services when the config has no "services" map (exit 3), listing the services and a map to paste', async () => {
    const dir = tempDir();
    const config = join(dir, 'clinic.json');
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')), logo: undefined, columns: { 'Start time': 'date', Type: 'service' } }));
    const r = await runCli(['batch', join(EXPORTS, 'acuity.csv'), '--out', join(dir, 'out'), '--config', config, '--jobs', '1']);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('the clinic config has no "services" map');
    expect(r.stderr).toContain('Services found: "SkinPen Microneedling (60 min)" (2), "Deep Microneedling with PRP" (1), "Botox - Forehead" (1).');
    expect(r.stderr).toContain('"services": {\n    "Deep": "aggressive",\n    "PRP": "aggressive",\n    "Microneedling": "standard",\n    "SkinPen": "standard"\n  }');
  });
});
