import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, ROOT, runCli, spawnCli, tempDir } from '../helpers/cli.js';
import { clinicWith } from '../helpers/clinic.js';
import { readPdf } from '../helpers/pdf.js';

const DAY = '2026-11-23';

/** Write a file of lines into a fresh temp folder; returns its path. */
function writeLines(name: string, lines: string[], eol = '\n'): string {
  const file = join(tempDir(), name);
  writeFileSync(file, lines.join(eol) + eol);
  return file;
}

// One worker is plenty for a handful of rows (and keeps the suite quick on two cores); the first test uses the default.
const batch = (file: string, out: string, ...more: string[]) => runCli(['batch', file, '--out', out, '--config', EXAMPLE_CONFIG, '--jobs', '1', ...more]);
const pdfs = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort() : []);
const json = (stdout: string) => JSON.parse(stdout) as { ok: boolean; made: number; unchanged: number; rejected: number; rows: Row[] };
interface Row {
  line: number;
  id?: string;
  name?: string;
  status: string;
  file?: string;
  treatedAt?: string;
  errors?: { code: string; message: string; path?: string; hint?: string }[];
}

describe('handout batch (the real command)', () => {
  it("makes every sheet of the bundled example appointments, then finds them up to date", async () => {
    const out = tempDir();
    const r = await spawnCli(['batch', join(ROOT, 'examples', 'appointments.csv'), '--out', out, '--config', EXAMPLE_CONFIG]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`5 sheets made, 0 already up to date, 0 skipped, 0 rows rejected: ${join(out, DAY)}`);
    expect(pdfs(join(out, DAY))).toEqual([
      '2026-11-23_eleni-papadopoulou_aggressive.pdf',
      '2026-11-23_jose-martinez-pena_standard.pdf',
      '2026-11-23_lukasz-zolkiewski_standard.pdf',
      '2026-11-23_maya-okonkwo-lindqvist_standard.pdf',
      '2026-11-23_zoe-o-brien_aggressive.pdf',
    ]);
    const zoe = await readPdf(readFileSync(join(out, DAY, '2026-11-23_zoe-o-brien_aggressive.pdf')));
    expect(zoe.pages).toBe(1);
    expect(zoe.text).toContain("Zoë O'Brien");
    expect(zoe.flat).toContain('Monday, November 23, 2026 at 11:15 AM');
    expect(zoe.flat).toContain('Deeper settings on the cheeks today, so expect');
    const jose = await readPdf(readFileSync(join(out, DAY, '2026-11-23_jose-martinez-pena_standard.pdf')));
    expect(jose.flat).toContain('Next visit in four weeks. Bring your SPF'); // a line break inside a quoted cell

    const again = await batch(join(ROOT, 'examples', 'appointments.csv'), out, '--json');
    expect(again.status).toBe(0);
    const report = json(again.stdout);
    expect(report).toMatchObject({ ok: true, made: 0, unchanged: 5, rejected: 0 });
    expect(report.rows[1]).toEqual({
      line: 3,
      id: 'A-2002',
      name: "Zoë O'Brien",
      email: 'zoe.example@example.com',
      language: 'en',
      treatment: 'aggressive',
      treatedAt: '2026-11-23T11:15:00-08:00',
      plan: expect.stringMatching(/^[0-9a-f]{16}$/), // what the sheet's instructions depend on (for email)
      status: 'unchanged',
      file: join(out, DAY, '2026-11-23_zoe-o-brien_aggressive.pdf'),
    });
  });

  it('uses more workers than the CLI started early when --jobs asks for more than there are cores', async () => {
    // bin/handout.js starts at most one worker per core before the CLI loads; the rest start with the batch.
    const out = tempDir();
    const jobs = String(availableParallelism() + 1);
    const r = await spawnCli(['batch', join(ROOT, 'examples', 'appointments.csv'), '--out', out, '--config', EXAMPLE_CONFIG, '--jobs', jobs, '--json']);
    expect(r.status).toBe(0);
    expect(json(r.stdout)).toMatchObject({ ok: true, made: 5, rejected: 0 });
    const lukasz = await readPdf(readFileSync(join(out, DAY, '2026-11-23_lukasz-zolkiewski_standard.pdf')));
    expect(lukasz.pages).toBe(1);
    expect(lukasz.text).toContain('Łukasz Żółkiewski');
  });

  it("reads a European export: BOM, Windows line endings, semicolons, quoted separators and line breaks, the booking system's own headers", async () => {
    const dir = tempDir();
    const config = clinicWith({
      timeZone: 'Europe/Madrid',
      columns: { 'Client First Name': 'first_name', 'Client Last Name': 'last_name', Service: 'treatment', 'Appointment Start': 'date', Comments: 'note' },
    });
    const file = join(dir, 'export.csv');
    const lines = [
      'Client First Name;CLIENT LAST NAME;Service;Appointment Start;Area;Comments;Room',
      'Inés;"Núñez; de la Vega";Standard;23/11/2026 é;Full face;;2',
      'Chloé;Dubois;aggressive;2026-11-23 10:30;"Cheeks, chin";"Bring SPF 50.\r\nNo make-up today; gentle cleanser only.";1',
      'Søren;Larsen;standard;2026-11-23 12:00;Neck;;3',
    ];
    writeFileSync(file, '\uFEFF' + lines.join('\r\n') + '\r\n');
    const r = await runCli(['batch', file, '--out', join(dir, 'out'), '--config', config, '--json', '--jobs', '1']);
    expect(r.status).toBe(6);
    const report = json(r.stdout);
    expect(report).toMatchObject({ made: 2, rejected: 1 });
    // A semicolon inside quotes is part of the name; the unquoted date is wrong and named by its column.
    expect(report.rows[0]).toMatchObject({ line: 2, name: 'Inés Núñez; de la Vega', status: 'rejected' });
    expect(report.rows[0]!.errors![0]).toMatchObject({ path: 'Appointment Start' });
    expect(report.rows[0]!.errors![0]!.message).toContain('"23/11/2026 é"');
    expect(report.rows[1]).toMatchObject({ line: 3, status: 'made', treatedAt: '2026-11-23T10:30:00+01:00' });
    const chloe = await readPdf(readFileSync(report.rows[1]!.file!));
    expect(chloe.pages).toBe(1);
    expect(chloe.text).toContain('Chloé Dubois');
    expect(chloe.flat).toContain('Cheeks, chin');
    expect(chloe.flat).toContain('Bring SPF 50. No make-up today; gentle cleanser only.');
    expect(pdfs(join(dir, 'out', DAY))).toEqual(['2026-11-23_chloe-dubois_aggressive.pdf', '2026-11-23_soren-larsen_standard.pdf']);
  });

  it('reports every kind of bad row by line, column and value, and still makes every good row', async () => {
    const out = tempDir();
    const file = writeLines('appointments.csv', [
      'NAME,Treatment,Date,Time,Time Zone,E-mail,Language,Note', // 1
      'Good First,standard,2026-11-23,9:00,,,,"Two lines', // 2: a quoted note over two lines is still one spreadsheet row
      'of note."',
      'Bad Treatment,gentle,2026-11-23,9:10,,,,', // 3
      'Bad Date,standard,2026-02-30,9:20,,,,', // 4
      'Bad Time,standard,2026-11-23,25:00,,,,', // 5
      ',standard,2026-11-23,9:40,,,,', // 6
      'Bad Zone,standard,2026-11-23,9:50,Mars/Olympus,,,', // 7
      'Bad Email,standard,2026-11-23,10:00,,not-an-email,,', // 8
      'Bad Language,standard,2026-11-23,10:10,,,xx,', // 9
      `Long Note,standard,2026-11-23,10:20,,,,${'n'.repeat(281)}`, // 10
      'Test 患者,standard,2026-11-23,10:30,,,,', // 11: only the renderer finds this one
      "O'Brien, Zoë,standard,2026-11-23,10:40,,,,", // 12: an unquoted comma
      ',,,,,,,', // 13: blank, skipped
      'No Date,standard,,,,,,', // 14
      `${'x'.repeat(81)},standard,2026-11-23,11:00,,,,`, // 15
      'Good Last,aggressive,2026-11-23,17:45,,,,', // 16
    ]);
    const r = await batch(file, out);
    expect(r.status).toBe(6);
    const expected: [number, ...string[]][] = [
      [3, 'Treatment', '"gentle"', 'standard, aggressive'],
      [4, 'Date', '"2026-02-30"', 'not a real date: February 2026 has 28 days'],
      [5, 'Time', '"25:00"', '2:30 PM'],
      [6, 'NAME', 'cannot be empty'],
      [7, 'Time Zone', '"Mars/Olympus"', 'America/New_York'],
      [8, 'E-mail', '"not-an-email"', 'name@example.com'],
      [9, 'Language', '"xx"', 'Supported languages: en'],
      [10, 'Note', 'at most 280'],
      [11, 'NAME', '"患"'],
      [12, 'has 9 values but the header has 8 columns', 'double quotes'],
      [14, 'Date', 'cannot be empty'],
      [15, 'NAME', 'at most 80'],
    ];
    const problems = r.stderr.split(/\n(?=line )/);
    for (const [line, ...words] of expected) {
      const message = problems.find((p) => p.startsWith(`line ${line}:`));
      expect(message, `line ${line}`).toBeDefined();
      for (const w of words) expect(message, `line ${line}`).toContain(w);
    }
    expect(problems.map((p) => p.match(/^line (\d+)/)?.[1]).map(Number)).toEqual(expected.map((e) => e[0]));
    expect(r.stderr).not.toContain('Good First'); // never the whole row
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout.trim()).toBe(`2 sheets made, 0 already up to date, 0 skipped, 12 rows rejected (see above): ${join(out, DAY)}`);
    expect(pdfs(join(out, DAY))).toEqual(['2026-11-23_good-first_standard.pdf', '2026-11-23_good-last_aggressive.pdf']);
    const last = await readPdf(readFileSync(join(out, DAY, '2026-11-23_good-last_aggressive.pdf')));
    expect(last.pages).toBe(1);
    expect(last.flat).toContain('Good Last');

    const j = await batch(file, out, '--json');
    expect(j.status).toBe(6);
    const report = json(j.stdout);
    expect(report).toMatchObject({ ok: false, made: 0, unchanged: 2, rejected: 12 });
    expect(report.rows.map((row) => [row.line, row.status])).toEqual([[2, 'unchanged'], ...expected.map((e) => [e[0], 'rejected']), [16, 'unchanged']]);
    expect(report.rows.find((row) => row.line === 7)).toMatchObject({ name: 'Bad Zone', errors: [{ code: 'E_INPUT', path: 'Time Zone' }] });
    expect(report.rows.find((row) => row.line === 11)!.errors![0]).toMatchObject({ code: 'E_GLYPH', path: 'NAME' });
  });

  it.each([
    ['a missing file', (dir: string) => join(dir, 'nope.csv'), 'does not exist', 'E_IO'],
    ['an Excel workbook', (dir: string) => (writeFileSync(join(dir, 'a.xlsx'), 'PK\u0003\u0004 not really'), join(dir, 'a.xlsx')), 'Excel workbook', 'E_INPUT'],
    ['an empty file', (dir: string) => (writeFileSync(join(dir, 'a.csv'), ''), join(dir, 'a.csv')), 'no header row', 'E_INPUT'],
    ['no recognisable columns', (dir: string) => (writeFileSync(join(dir, 'a.csv'), 'Client,When\nAna,today\n'), join(dir, 'a.csv')), 'Found: "Client", "When". Needed: name', 'E_INPUT'],
    ['a missing column', (dir: string) => (writeFileSync(join(dir, 'a.csv'), 'Name,Date\nAna,2026-11-23T10:00\n'), join(dir, 'a.csv')), 'no column for treatment', 'E_INPUT'],
    ['JSON that holds no list', (dir: string) => (writeFileSync(join(dir, 'a.json'), '{"name": "Ana"}'), join(dir, 'a.json')), 'holds no list of visits', 'E_INPUT'],
  ])('stops with exit code 8 on %s, naming the problem', async (_what, make, message, code) => {
    const dir = tempDir();
    const file = make(dir);
    const r = await batch(file, join(dir, 'out'));
    expect(r.status).toBe(8);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('hint:');
    expect(r.stdout).toBe('');
    const j = await batch(file, join(dir, 'out'), '--json');
    expect(j.status).toBe(8);
    expect(json(j.stdout)).toMatchObject({ ok: false, errors: [{ code }] });
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses a bad --day or --jobs as bad input (exit 2)', async () => {
    const file = join(ROOT, 'examples', 'appointments.csv');
    expect((await batch(file, tempDir(), '--day', '2026-11-31'))).toMatchObject({ status: 2, stderr: expect.stringContaining('--day') });
    expect((await batch(file, tempDir(), '--jobs', 'many'))).toMatchObject({ status: 2, stderr: expect.stringContaining('--jobs') });
  });

  it('gives two visits with the same file name on one day their own files, the same ones on a rerun', async () => {
    const out = tempDir();
    const file = writeLines('appointments.csv', [
      'name,treatment,date',
      'Ana Ruiz,standard,2026-11-23T09:00',
      'Ana Ruiz,standard,2026-11-23T13:00',
      'Ana Ruiz,standard,2026-11-24T09:00',
      'ANA RUIZ,standard,2026-11-23T17:00',
    ]);
    const r = await batch(file, out, '--json');
    expect(r.status).toBe(0);
    const files = json(r.stdout).rows.map((row) => row.file);
    expect(files).toEqual([
      join(out, DAY, '2026-11-23_ana-ruiz_standard.pdf'),
      join(out, DAY, '2026-11-23_ana-ruiz_standard_2.pdf'),
      join(out, '2026-11-24', '2026-11-24_ana-ruiz_standard.pdf'),
      join(out, DAY, '2026-11-23_ana-ruiz_standard_3.pdf'),
    ]);
    expect((await readPdf(readFileSync(files[1]!))).flat).toContain('at 1:00 PM');
    expect((await readPdf(readFileSync(files[3]!))).flat).toContain('at 5:00 PM');
    const again = json((await batch(file, out, '--json')).stdout);
    expect(again.rows.map((row) => [row.file, row.status])).toEqual(files.map((f) => [f, 'unchanged']));
  });

  it('reruns quickly: only rows (or settings) that changed are made again, and a deleted or damaged sheet comes back', async () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    const rows = ['name,treatment,date,note', 'Ana Ruiz,standard,2026-11-23T09:00,', 'Bo Chen,aggressive,2026-11-23T10:00,', 'Cy Diaz,standard,2026-11-23T11:00,'];
    const file = join(dir, 'a.csv');
    writeFileSync(file, rows.join('\n'));
    expect(json((await batch(file, out, '--json')).stdout)).toMatchObject({ made: 3, unchanged: 0 });
    const sheet = (n: string) => join(out, DAY, `2026-11-23_${n}.pdf`);
    const before = statSync(sheet('bo-chen_aggressive')).mtimeMs;

    const rerun = json((await batch(file, out, '--json')).stdout);
    expect(rerun).toMatchObject({ made: 0, unchanged: 3 });
    expect(statSync(sheet('bo-chen_aggressive')).mtimeMs).toBe(before);

    writeFileSync(file, [...rows.slice(0, 2), 'Bo Chen,aggressive,2026-11-23T10:00,Ice packs help.', rows[3]].join('\n'));
    rmSync(sheet('cy-diaz_standard'));
    const changed = json((await batch(file, out, '--json')).stdout);
    expect(changed.rows.map((r) => r.status)).toEqual(['unchanged', 'made', 'made']);
    expect((await readPdf(readFileSync(sheet('bo-chen_aggressive')))).flat).toContain('Ice packs help.');

    const config = clinicWith({ phone: '(555) 014-9999' });
    const newPhone = JSON.parse((await runCli(['batch', file, '--out', out, '--config', config, '--json', '--jobs', '1'])).stdout);
    expect(newPhone).toMatchObject({ made: 3, unchanged: 0 });

    writeFileSync(sheet('ana-ruiz_standard'), readFileSync(sheet('ana-ruiz_standard')).subarray(0, 1000)); // damaged since
    const repaired = JSON.parse((await runCli(['batch', file, '--out', out, '--config', config, '--json', '--jobs', '1'])).stdout);
    expect(repaired.rows.map((r: Row) => r.status)).toEqual(['made', 'unchanged', 'unchanged']);
    expect(readdirSync(join(out, DAY)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('with --day makes only that day, and says how many rows were left out', async () => {
    const out = tempDir();
    const file = writeLines('a.csv', ['name,treatment,date', 'Ana Ruiz,standard,2026-11-23T09:00', 'Bo Chen,standard,2026-11-24T09:00', 'Bad Row,gentle,2026-11-24T10:00', 'Cy Diaz,standard,2026-11-23T23:30']);
    const r = await batch(file, out, '--day', DAY);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(`2 sheets made, 0 already up to date, 0 skipped, 0 rows rejected, 2 rows of other days left out: ${join(out, DAY)}`);
    expect(readdirSync(out)).toEqual([DAY]);
    const late = await readPdf(readFileSync(join(out, DAY, '2026-11-23_cy-diaz_standard.pdf')));
    expect(late.pages).toBe(1);
    expect(late.flat).toContain('Monday, November 23, 2026 at 11:30 PM');
  });

  it('reads the example JSON list too (line = position in the list), with no progress bar when stderr is not a terminal', async () => {
    const out = tempDir();
    const r = await batch(join(ROOT, 'examples', 'appointments.json'), out, '--json');
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(report.rows.map((row) => [row.line, row.id, row.status])).toEqual([
      [1, 'A-1001', 'made'],
      [2, 'A-1002', 'made'],
      [3, 'A-1003', 'made'],
      [4, 'A-1004', 'made'],
      [5, 'A-1005', 'made'],
    ]);
    const eleni = await readPdf(readFileSync(report.rows[3]!.file!));
    expect(eleni.pages).toBe(1);
    expect(eleni.text).toContain('Ελένη Παπαδοπούλου');
  });
});
