import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf.js';
import { inProcess } from '../helpers/server.js';

const ZOE = { name: "Zoë O'Brien", treatment: 'aggressive', date: '2026-11-23T14:30', area: 'Cheeks and under-eye', note: 'Deeper settings on the cheeks today.' };
const CSV = readFileSync(join(__dirname, '..', '..', 'examples', 'appointments.csv'));

describe('POST /api/handouts', async () => {
  const s = await inProcess();

  it('makes and writes the sheet, and answers the PDF as a download under the CLI\'s file name', async () => {
    const res = await s.json('/api/handouts', ZOE);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="2026-11-23_zoe-o-brien_aggressive.pdf"');
    const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain("Zoë O'Brien");
    expect(pdf.flat).toMatch(/occlusive\) balm/);
    // Written where `handout generate --out` writes, the same bytes.
    const written = await readPdf(readFileSync(join(s.out, '2026-11-23_zoe-o-brien_aggressive.pdf')));
    expect(written.text).toContain("Zoë O'Brien");
  });

  it('a standard sheet has no balm; the preview writes nothing', async () => {
    const res = await s.json('/api/previews', { ...ZOE, name: 'Dana Reyes', treatment: 'standard', paper: 'a4' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^inline/);
    const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.text).toContain('Dana Reyes');
    expect(pdf.flat).not.toMatch(/balm/i);
    expect(existsSync(join(s.out, '2026-11-23_dana-reyes_standard.pdf'))).toBe(false);
  });

  it('names every bad field at once, by its JSON key, with the value and a hint (422)', async () => {
    const res = await s.json('/api/handouts', { name: '  ', treatment: 'gentle', date: '2026-02-30T10:00', timezone: 'Mars/Base', paper: 'a5', colour: 'blue' });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as { errors: { field: string; value: unknown; message: string; hint: string }[] };
    expect(errors.map((e) => e.field).sort()).toEqual(['colour', 'date', 'name', 'paper', 'timezone', 'treatment']);
    const byField = Object.fromEntries(errors.map((e) => [e.field, e]));
    expect(byField.treatment).toMatchObject({ value: 'gentle', message: 'treatment: must be one of: standard, aggressive (got "gentle")', hint: 'Use one of: standard, aggressive.' });
    expect(byField.timezone!.message).toBe('timezone: "Mars/Base" is not a known time zone');
    expect(byField.date!.message).toMatch(/^date: "2026-02-30T10:00" is not a real date or time/);
    expect(byField.paper!.hint).toBe('Use one of: letter, a4.');
  });

  it('a bad treatment and an impossible date: both named', async () => {
    const res = await s.json('/api/handouts', { name: 'Ada Lindqvist', treatment: 'gentle', date: '2026-11-31T10:00' });
    const { errors } = (await res.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field).sort()).toEqual(['date', 'treatment']);
  });

  it('a name the font cannot print is a 422 on name, found before rendering, with the other bad fields', async () => {
    const res = await s.json('/api/handouts', { name: '李小龙', treatment: 'standard', date: 'tomorrow' });
    expect(res.status).toBe(422);
    const { errors } = (await res.json()) as { errors: { field: string; code: string; message: string }[] };
    expect(errors.map((e) => [e.field, e.code])).toEqual([['date', 'E_INPUT'], ['name', 'E_GLYPH']]);
    expect(errors[1]!.message).toContain('U+674E');
  });

  it('refuses invisible characters in the name, naming the character (the page and the paper would differ)', async () => {
    for (const name of ['Ann\u200bLee', '\u202eAnn Lee', 'Ann\u00adLee']) {
      const res = await s.json('/api/handouts', { name, treatment: 'standard', date: '2026-11-23T10:00' });
      expect(res.status).toBe(422);
      const { errors } = (await res.json()) as { errors: { field: string; message: string }[] };
      expect(errors[0]!.field).toBe('name');
      expect(errors[0]!.message).toMatch(/invisible character \(U\+(200B|202E|00AD)\)/);
    }
  });

  it('a name typed with a combining accent prints as the one letter', async () => {
    const res = await s.json('/api/previews', { name: 'Zoe\u0308 Martine\u0301z', treatment: 'standard', date: '2026-11-23T10:00' });
    expect(res.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.text).toContain('Zo\u00eb Martin\u00e9z'); // one code point each, as NFC
  });

  it('broken JSON is a 400, not a field error; a list is a 422', async () => {
    for (const body of ['{"name":', '', 'null x']) {
      const res = await s.json('/api/handouts', body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/^the body is not valid JSON/);
    }
    expect((await s.json('/api/handouts', '[]')).status).toBe(422);
  });

  it('GET /healthz answers 200', async () => {
    expect((await s.request('/healthz')).status).toBe(200);
  });
});

describe('request bodies are capped', async () => {
  const s = await inProcess({ maxBodyBytes: 1024 * 1024 });

  it('413 past the cap, even for a well-formed export; nothing is made', async () => {
    const rows = ['ID,Name,Treatment,Date,Time'];
    for (let i = 0; i < 40_000; i++) rows.push(`B-${i},Made Up ${i},standard,2026-11-23,10:00`);
    const res = await s.request('/api/batches', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: rows.join('\n') });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/larger than this server takes \(1 MB\)/);
    expect(existsSync(s.out)).toBe(false);
  });

  it('413 for a body that says nothing of its length (streamed)', async () => {
    const chunk = new Uint8Array(256 * 1024).fill(65);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await s.request('/api/handouts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });
});

describe('POST /api/batches', async () => {
  const s = await inProcess();

  it('gives the same report as `handout batch --json`, plus an id; print-all has a page per sheet in appointment order', async () => {
    const res = await s.request('/api/batches', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: CSV });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { id: string; ok: boolean; made: number; rows: { line: number; status: string; name: string }[] };
    expect(report).toMatchObject({ ok: true, made: 5, unchanged: 0, rejected: 0 });
    expect(report.id).toMatch(/^[\w-]{16}$/);
    expect(report.rows.map((r) => r.status)).toEqual(['made', 'made', 'made', 'made', 'made']);
    const all = await s.request(`/api/batches/${report.id}/sheets.pdf`);
    expect(all.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await all.arrayBuffer()));
    expect(pdf.pages).toBe(5);
    const order = ['Maya Okonkwo-Lindqvist', "Zoë O'Brien", 'Łukasz Żółkiewski'].map((n) => pdf.text.indexOf(n));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    // Uploading it again: every sheet is already made (the CLI's manifest).
    const again = (await (await s.request('/api/batches', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: CSV })).json()) as { unchanged: number; made: number };
    expect(again).toMatchObject({ made: 0, unchanged: 5 });
  });

  it('a bad row is reported with its reasons; the good rows are made', async () => {
    const body = 'Name,Treatment,Date\nAda Lindqvist,standard,2026-11-23T09:30\nBruno Okafor,gentle,2026-11-31T10:00\n';
    const report = (await (await s.request('/api/batches', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body })).json()) as { rows: { status: string; errors?: { message: string }[] }[] };
    expect(report.rows[0]!.status).toBe('made');
    expect(report.rows[1]!.status).toBe('rejected');
    expect(report.rows[1]!.errors!.map((e) => e.message).sort()).toEqual([expect.stringMatching(/^Date: "2026-11-31T10:00" is not a real date/), expect.stringMatching(/^Treatment: must be one of/)]);
  });

  it.each([
    ['a broken Excel workbook', Buffer.from('PK\u0003\u0004 not really a workbook'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', /cannot be read|Excel/],
    ['binary noise', Buffer.from([0, 1, 2, 255, 0, 7]), 'application/octet-stream', /not a text file/],
    ['an empty file', Buffer.alloc(0), 'text/csv', /is empty/],
    ['a JSON object, not a list', Buffer.from('{"name": "x"}'), 'application/json', /./],
    ['a CSV without the needed columns', Buffer.from('Client,When\nx,y\n'), 'text/csv', /has no column for|no recognisable columns/],
    ['broken quotes', Buffer.from('Name,Treatment,Date\n"Ada,standard,2026-11-23T09:30\n'), 'text/csv', /./],
  ])('an upload that is %s gets the batch\'s own error (422), naming the upload, not a temp file', async (_what, bytes, type, message) => {
    const res = await s.request('/api/batches', { method: 'POST', headers: { 'Content-Type': type, 'X-File-Name': 'export%20today.csv' }, body: bytes });
    const body = (await res.json()) as { errors: { message: string }[]; rows?: unknown[] };
    if (res.status === 200) {
      // csv-parse with relaxed quotes reads some broken files as rows: then each row gets its verdict.
      expect(body.rows).toBeDefined();
      return;
    }
    expect(res.status).toBe(422);
    expect(body.errors[0]!.message).toMatch(message);
    expect(body.errors[0]!.message).not.toMatch(/handout-upload-|appointments\.(csv|json|xlsx)/);
    expect(readdirSync(s.out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('?wait=0 answers 202 at once; the batch is then followed to its report', async () => {
    const res = await s.request('/api/batches?wait=0', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: CSV });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    let job: { status: string; report?: { rows: unknown[] } };
    do job = (await (await s.request(`/api/batches/${id}`)).json()) as typeof job;
    while (job.status === 'running' && (await new Promise((r) => setTimeout(r, 50)), true));
    expect(job.status).toBe('done');
    expect(job.report!.rows).toHaveLength(5);
  });

  it('an unknown batch is a 404', async () => {
    expect((await s.request('/api/batches/nope/sheets.pdf')).status).toBe(404);
  });
});
