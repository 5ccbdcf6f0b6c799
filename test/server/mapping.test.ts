import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, runCli, tempDir } from '../helpers/cli.js';
import { clinicWith } from '../helpers/clinic.js';
import { EXPORTS } from '../helpers/exports.js';
import { inProcess } from '../helpers/server.js';

// The mapping step's API, in-process: what the page calls, with the server's own rules.
const VAGARO_FILE = join(EXPORTS, 'vagaro.csv');
const VAGARO = readFileSync(VAGARO_FILE);
const CHOICE = {
  columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name', Service: 'service', 'Service Provider': null, Status: 'status', Email: 'email', Phone: null },
  services: { 'Microneedling - Face': 'standard', 'Microneedling + PRP (Deep)': 'standard', 'Microneedling - Neck': 'aggressive' },
  statuses: { Confirmed: 'made', Show: 'made', Cancel: 'skip', 'No Show': 'skip' },
  dateOrder: 'MDY',
};

type Server = Awaited<ReturnType<typeof inProcess>>;
type Errors = { errors: { field: string | null; value?: unknown; message: string; hint?: string; code: string }[] };

const inspect = (s: Server, bytes: Uint8Array<ArrayBuffer> = VAGARO, headers: Record<string, string> = {}) =>
  s.request('/api/batches/inspect', { method: 'POST', headers: { 'Content-Type': 'text/csv', 'X-File-Name': 'vagaro.csv', ...headers }, body: bytes });
const put = (s: Server, body: unknown, query = '', headers: Record<string, string> = {}) =>
  s.request(`/api/config/mapping${query}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const batch = (s: Server, upload: string, body?: unknown) =>
  s.request(`/api/batches?upload=${upload}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });

/** A server on its own copy of the example clinic (the file the mapping is saved to). */
async function withConfig(changes: Record<string, unknown> = {}, options: Parameters<typeof inProcess>[0] = {}) {
  const config = clinicWith(changes);
  return { config, s: await inProcess({ configPath: config, ...options }) };
}

describe('POST /api/batches/inspect', () => {
  it('keeps the uploaded export (patient names) only while the server runs: closing it removes its folder', async () => {
    const { s } = await withConfig();
    const answer = (await (await inspect(s)).json()) as { upload: string };
    const file = s.ctx.batches.uploads.get(answer.upload)!.file;
    expect(readFileSync(file)).toEqual(VAGARO);
    await s.close();
    expect(existsSync(dirname(file))).toBe(false);
  });

  it('answers what `handout columns --json` says, plus the upload, what the settings leave unsaid, a starting choice and the block to paste', async () => {
    const { config, s } = await withConfig();
    const res = await inspect(s);
    expect(res.status).toBe(200);
    const answer = await res.json();
    const cli = JSON.parse((await runCli(['columns', VAGARO_FILE, '--config', config, '--json'])).stdout);
    for (const [key, value] of Object.entries(cli)) if (key !== 'file') expect(answer[key], key).toEqual(value);
    expect(answer.file).toBe('vagaro.csv');
    expect(answer.upload).toMatch(/^[\w-]{16}$/);
    expect(answer.needsMapping).toBe(true);
    expect(answer.gaps).toEqual([
      { field: 'columns', message: "The clinic settings do not say which column has the patient's name." },
      { field: 'columns', message: 'The clinic settings do not say which column has the date.' },
      { field: 'services', message: 'The clinic settings do not say which services are microneedling (3 services in the file).' },
    ]);
    expect(answer.choice).toEqual({ ...CHOICE, services: { ...CHOICE.services, 'Microneedling + PRP (Deep)': 'aggressive', 'Microneedling - Neck': 'standard' } });
    expect(answer.settings).toEqual({ file: config, format: 'json', canSave: true });
    expect(answer.block).toContain('"Customer": "name"');
    expect(answer.block).toContain('"Microneedling + PRP (Deep)": "aggressive"');
  });

  it('a layout the clinic settings read fully needs no mapping step', async () => {
    const { s } = await withConfig();
    const answer = await (await inspect(s, readFileSync(join(__dirname, '..', '..', 'examples', 'appointments.csv')), { 'X-File-Name': 'appointments.csv' })).json();
    expect(answer.needsMapping).toBe(false);
    expect(answer.gaps).toEqual([]);
  });

  it('with ?upload= and a mapping: the same upload read with it (another service column, another date order)', async () => {
    const { s } = await withConfig();
    const { upload } = await (await inspect(s)).json();
    const res = await s.json(`/api/batches/inspect?upload=${upload}`, { columns: { ...CHOICE.columns, Service: null, 'Service Provider': 'service' }, dateOrder: 'DMY' });
    expect(res.status).toBe(200);
    const again = await res.json();
    expect(again.services.map((x: { service: string }) => x.service)).toEqual(['Avery Quinn']);
    expect(again.choice.columns.Service).toBeNull();
    expect(again.choice.dateOrder).toBe('DMY');
    // Read day first, "11/24/2026" has no month 24; "01/01/2027" reads either way.
    expect(again.dates).toEqual([
      { style: 'not a date we read + a time column', rows: 4, example: '11/24/2026' },
      { style: 'day/month/year (24/11/2026 14:30) + a time column', rows: 1, example: '01/01/2027' },
    ]);
    expect(again.gaps).toContainEqual({ field: 'dateOrder', message: "The file's dates are month first; the clinic settings read them day first." });
  });

  it('an upload that is not an export: the batch\'s own message, naming the file as uploaded; an upload no longer kept: 404', async () => {
    const { s } = await withConfig();
    const res = await inspect(s, new TextEncoder().encode('PK\u0003\u0004 not really'), { 'Content-Type': 'application/vnd.ms-excel', 'X-File-Name': 'day.xls' });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as Errors;
    expect(errors[0]!.message).toMatch(/^day\.xls/);
    expect(errors[0]!.message).not.toContain('handout-uploads');
    const gone = await s.json('/api/batches/inspect?upload=nope', {});
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as Errors).errors[0]).toMatchObject({ field: 'upload', code: 'E_NOT_FOUND' });
    expect((await put(s, CHOICE, '?upload=nope')).status).toBe(404);
    expect((await batch(s, 'nope')).status).toBe(404);
  });
});

describe('PUT /api/config/mapping', () => {
  it('refuses bad values (422), naming each field by its JSON key with the value sent; the config is untouched', async () => {
    const { config, s } = await withConfig();
    const before = readFileSync(config, 'utf8');
    const res = await put(s, { columns: { Customer: 'patient' }, services: { 'Microneedling + PRP (Deep)': 'extreme' }, statuses: { Show: 'maybe' }, dateOrder: 'YMD', colour: 'blue' });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as Errors;
    const byField = Object.fromEntries(errors.map((e) => [e.field ?? e.message, e]));
    expect(byField['columns.Customer']).toMatchObject({
      value: 'patient',
      message: 'columns.Customer: must be one of: name, first_name, last_name, treatment, service, status, date, time, email, timezone, area, concern, note, language, id, dob (or null: not used) (got "patient")',
      code: 'E_INPUT',
    });
    expect(byField['services.Microneedling + PRP (Deep)']).toMatchObject({ value: 'extreme', message: 'services.Microneedling + PRP (Deep): must be one of: standard, aggressive, skip (got "extreme")', hint: 'Use one of: standard, aggressive, skip.' });
    expect(byField['statuses.Show']).toMatchObject({ value: 'maybe', message: 'statuses.Show: must be one of: made, skip (got "maybe")' });
    expect(byField.dateOrder).toMatchObject({ value: 'YMD', message: 'dateOrder: must be one of: MDY, DMY (got "YMD")' });
    expect(byField.colour).toMatchObject({ value: 'blue', message: 'colour: is not a part of a mapping', hint: 'Use only: columns, services, statuses, dateOrder.' });
    expect((await put(s, '{"columns": ')).status).toBe(400);
    expect((await put(s, '[]')).status).toBe(422);
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('refuses a mapping the export cannot be read with: a needed field with no column, one field from two columns', async () => {
    const { config, s } = await withConfig();
    const before = readFileSync(config, 'utf8');
    const { upload } = await (await inspect(s)).json();
    const noDate = await put(s, { ...CHOICE, columns: { ...CHOICE.columns, 'Appointment Date': null } }, `?upload=${upload}`);
    expect(noDate.status).toBe(422);
    expect(((await noDate.json()) as Errors).errors).toEqual([
      { field: 'columns', value: { ...CHOICE.columns, 'Appointment Date': null }, message: 'columns: no column is chosen for the date', hint: "Choose the column that has it: a sheet needs the patient's name, the treatment (or the service) and the date.", code: 'E_INPUT' },
    ]);
    const twice = await put(s, { ...CHOICE, columns: { ...CHOICE.columns, Phone: 'name' } }, `?upload=${upload}`);
    expect(((await twice.json()) as Errors).errors).toEqual([expect.objectContaining({ field: 'columns.Phone', value: 'name', message: 'columns.Phone: name is also chosen for "Customer": each field comes from one column' })]);
    expect(readFileSync(config, 'utf8')).toBe(before);
  });

  it('saves into the config the server was started with, reloads it (a new Resources), and the upload\'s batch reads it: aggressive only where chosen', async () => {
    const { config, s } = await withConfig();
    const before = JSON.parse(readFileSync(config, 'utf8'));
    const { upload } = await (await inspect(s)).json();
    const old = s.ctx.resources;
    const res = await put(s, CHOICE, `?upload=${upload}`);
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved).toEqual({
      saved: config,
      written: {
        columns: { 'Appointment Date': 'date', 'Start Time': 'time', Customer: 'name' },
        services: { 'Microneedling + PRP (Deep)': 'standard', 'Microneedling - Face': 'standard', 'Microneedling - Neck': 'aggressive' },
      },
    });
    const after = JSON.parse(readFileSync(config, 'utf8'));
    expect(after).toEqual({ ...before, ...saved.written });
    expect(s.ctx.resources).not.toBe(old);
    expect(s.ctx.resources.clinic.clinic.services).toEqual(saved.written.services);

    const made = await batch(s, upload);
    expect(made.status).toBe(200);
    const report = await made.json();
    expect(report).toMatchObject({ made: 3, skipped: 2, rejected: 0 });
    expect(report.rows.filter((r: { status: string }) => r.status === 'made').map((r: { name: string; treatment: string }) => [r.name, r.treatment])).toEqual([
      ['Okafor, Adaeze', 'standard'],
      ['Brandt, Tobias', 'standard'],
      ['Fairweather, Joss', 'aggressive'],
    ]);
    // Its sheets made, the upload is let go; the same layout again needs no mapping step.
    expect((await batch(s, upload)).status).toBe(404);
    expect((await (await inspect(s)).json()).needsMapping).toBe(false);
  });

  it('a YAML config keeps its comments, and the server reads it back', async () => {
    const dir = tempDir();
    const config = join(dir, 'clinic.yaml');
    writeFileSync(config, '# The desk at Alder Lane.\nname: Juniper Skin Studio # as on the sign\nphone: "(555) 014-2290"\ntimeZone: America/Los_Angeles\n');
    const s = await inProcess({ configPath: config });
    const { upload, settings, block } = await (await inspect(s)).json();
    expect(settings).toMatchObject({ format: 'yaml', canSave: true });
    expect(block).toContain('Customer: name');
    expect((await put(s, CHOICE, `?upload=${upload}`)).status).toBe(200);
    const text = readFileSync(config, 'utf8');
    expect(text).toMatch(/^# The desk at Alder Lane\.\nname: Juniper Skin Studio # as on the sign\n/);
    expect(text).toContain('  Microneedling - Neck: aggressive\n');
    expect(s.ctx.resources.clinic.clinic.columns).toMatchObject({ Customer: 'name' });
  });

  it('"go on without saving": the batch reads the choice, the config and the server\'s settings stay as they were', async () => {
    const { config, s } = await withConfig();
    const before = readFileSync(config, 'utf8');
    const resources = s.ctx.resources;
    const { upload } = await (await inspect(s)).json();
    const res = await batch(s, upload, CHOICE);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ made: 3, skipped: 2 });
    expect(report.rows.find((r: { name?: string }) => r.name === 'Fairweather, Joss').treatment).toBe('aggressive');
    expect(readFileSync(config, 'utf8')).toBe(before);
    expect(s.ctx.resources).toBe(resources);
    const bad = await batch(s, (await (await inspect(s)).json()).upload, { services: { 'Microneedling - Neck': 'extreme' } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Errors).errors[0]).toMatchObject({ field: 'services.Microneedling - Neck', value: 'extreme' });
  });

  it('sheets made "without saving" stay made once the same mapping is saved: how a file is read is not part of a sheet', async () => {
    const { s } = await withConfig();
    const first = await (await inspect(s)).json();
    expect(await (await batch(s, first.upload, CHOICE)).json()).toMatchObject({ made: 3, unchanged: 0 });
    const second = await (await inspect(s)).json();
    expect((await put(s, { ...CHOICE, statuses: { ...CHOICE.statuses, Show: 'made' } }, `?upload=${second.upload}`)).status).toBe(200);
    expect(await (await batch(s, second.upload)).json()).toMatchObject({ made: 0, unchanged: 3, skipped: 2 });
  });

  it('the example clinic: refused (409) with the explanation, and nothing is written', async () => {
    const before = readFileSync(EXAMPLE_CONFIG, 'utf8');
    for (const s of [await inProcess({ isExample: true }), await inProcess({ isExample: false })]) {
      const answer = await (await inspect(s)).json();
      expect(answer.settings).toMatchObject({ file: null, canSave: false });
      expect(answer.block).toContain('"Customer": "name"');
      const res = await put(s, CHOICE, `?upload=${answer.upload}`);
      expect(res.status).toBe(409);
      const { errors } = (await res.json()) as Errors;
      expect(errors[0]!.code).toBe('E_NO_CONFIG');
      expect(errors[0]!.message).toBe(answer.settings.reason);
      expect(errors[0]!.message).toContain('`handout serve --config <file>`');
    }
    expect(readFileSync(EXAMPLE_CONFIG, 'utf8')).toBe(before);
  });

  it('a read-only config: said before saving, and refused naming the file (nothing changed)', async () => {
    const { config, s } = await withConfig();
    chmodSync(config, 0o444);
    const before = readFileSync(config, 'utf8');
    const answer = await (await inspect(s)).json();
    expect(answer.settings).toEqual({ file: config, format: 'json', canSave: false, reason: expect.stringContaining(`The clinic config ${config} is read-only`) });
    const res = await put(s, CHOICE, `?upload=${answer.upload}`);
    expect(res.status).toBe(500);
    const { errors } = (await res.json()) as Errors;
    expect(errors[0]).toMatchObject({ field: null, code: 'E_IO', message: `the clinic config ${config} is read-only (its permissions let nobody write it), so the settings were not saved` });
    expect(readFileSync(config, 'utf8')).toBe(before);
  });
});

describe('the mapping routes follow the server\'s rules', () => {
  it('the passcode, the Origin check and the body cap', async () => {
    const { config, s } = await withConfig({}, { env: { HANDOUT_PASSCODE: 'juniper-desk' }, maxBodyBytes: 1024 * 1024 });
    const before = readFileSync(config, 'utf8');
    expect((await inspect(s)).status).toBe(401);
    expect((await put(s, CHOICE)).status).toBe(401);
    const auth = { Authorization: 'Bearer juniper-desk' };
    expect((await inspect(s, VAGARO, { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await put(s, CHOICE, '', { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await inspect(s, new Uint8Array(2 * 1024 * 1024), auth)).status).toBe(413);
    expect(readFileSync(config, 'utf8')).toBe(before);
    const ok = await inspect(s, VAGARO, { ...auth, Origin: 'http://127.0.0.1:4321' });
    expect(ok.status).toBe(200);
    expect((await put(s, CHOICE, `?upload=${(await ok.json()).upload}`, { ...auth, Origin: 'http://127.0.0.1:4321' })).status).toBe(200);
    // The request log has the path, never the query (the upload's id) or the body (the services).
    expect(s.log.join('\n')).not.toMatch(/upload=|Microneedling|Customer/);
  });
});
