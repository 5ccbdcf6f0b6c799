import { describe, expect, it } from 'vitest';
import { openRows } from '../../src/batch/read-rows.js';
import { ZIP_LIMITS } from '../../src/batch/zip-limits.js';
import { SHEET_LIMITS } from '../../src/batch/read-xlsx.js';
import { batchOf, byLine, sheetOf } from '../helpers/exports.js';
import { sheetXml, workbookParts, writeTemp, zipOf } from '../helpers/xlsx.js';

// Exports as a hostile user and a bad day make them. Each case failed before its fix (see the report).
const rowsOf = async (file: string) => {
  const out = [];
  for await (const r of openRows(file).rows) out.push(r);
  return out;
};

describe('one bad spot costs only its own row', () => {
  it('an unclosed quote on line 3 of a CSV: lines 4 to 6 are still made', async () => {
    const file = writeTemp('quote.csv', [
      'Name,Treatment,Date,Time,Note',
      'Ana Ruiz,standard,2026-11-24,9:00,',
      'Bea Lund,standard,2026-11-24,9:30,"Call if redness lasts',
      'Cleo Park,standard,2026-11-24,10:00,',
      'Dev Rao,aggressive,2026-11-24,10:30,',
      'Eli Moss,standard,2026-11-24,11:00,',
      '',
    ].join('\n'));
    const r = await batchOf(file, {});
    expect(r).toMatchObject({ made: 4, rejected: 1 });
    expect(byLine(r, 3)!.errors![0]!.message).toBe('cannot be read as CSV: a value starts with a double quote that is never closed');
    expect(r.rows.filter((x) => x.status === 'made').map((x) => [x.line, x.name])).toEqual([[2, 'Ana Ruiz'], [4, 'Cleo Park'], [5, 'Dev Rao'], [6, 'Eli Moss']]);
    expect((await sheetOf(byLine(r, 5))).flat).toContain('For Dev Rao');
  });

  it('a cell over 1 MB: the next row is made, and the message does not talk about quoting', async () => {
    const file = writeTemp('big.csv', ['Name,Treatment,Date,Time,Note', 'Ana Ruiz,standard,2026-11-24,9:00,ok', `Bea Lund,standard,2026-11-24,9:30,${'x'.repeat(1_100_000)}`, 'Cleo Park,standard,2026-11-24,10:00,', ''].join('\n'));
    const r = await batchOf(file, {});
    expect(r).toMatchObject({ made: 2, rejected: 1 });
    expect(byLine(r, 4)).toMatchObject({ name: 'Cleo Park', status: 'made' });
    const e = byLine(r, 3)!.errors![0]!;
    expect(e.message).toBe('is longer than 1,000,000 characters: it cannot be a visit');
    expect(`${e.message} ${e.hint}`).not.toMatch(/quot/i);
  });

  it('a JSON list whose first object has no known field: the others are made, the odd one is reported by its place', async () => {
    const file = writeTemp('list.json', JSON.stringify([{ report: 'Day sheet', generated: '2026-11-23' }, { name: 'Ana Ruiz', treatment: 'standard', date: '2026-11-24T09:00' }, { name: 'Bea Lund', treatment: 'aggressive', date: '2026-11-24 09:30' }]));
    const r = await batchOf(file, {});
    expect(r).toMatchObject({ made: 2, rejected: 1 });
    expect(byLine(r, 1)!.errors![0]!.message).toBe('has none of the fields of a visit. Found: "report", "generated". Needed: name (or first_name and last_name), treatment (or service), date (a date and time, or date plus time).');
    expect((await sheetOf(byLine(r, 3))).flat).toContain('For Bea Lund');
  });

  it('stops (nothing to make) only when no object of the list has a field we know', async () => {
    const file = writeTemp('none.json', JSON.stringify([{ a: 1 }, { b: 2 }]));
    await expect(batchOf(file, {})).rejects.toThrow('no visit has a field we know. Found: "a"');
  });
});

describe('headers with characters nobody can see', () => {
  it('a zero-width space, a soft hyphen, a no-break space and a stray byte-order mark do not hide a column', async () => {
    const file = writeTemp('invisible.csv', ['\uFEFF\u200BName,Treat\u00ADment,Date\u00A0,\uFEFFTime,\u202ANote\u202C', 'Ana Ruiz,standard,2026-11-24,9:00,Be gentle.', ''].join('\r\n'));
    const r = await batchOf(file, {});
    expect(r).toMatchObject({ made: 1, rejected: 0 });
    expect((await sheetOf(byLine(r, 2))).flat).toContain('Be gentle.');
  });

  it('a status or service with invisible characters still matches', async () => {
    const file = writeTemp('status.csv', ['Name,Service,Status,Date', 'Ana Ruiz,Micro\u200Bneedling,Confirmed,2026-11-24 9:00', 'Bea Lund,Microneedling,Can\u00ADcelled,2026-11-24 9:30', ''].join('\n'));
    const r = await batchOf(file, { services: { Microneedling: 'standard' } });
    expect(r).toMatchObject({ made: 1, skipped: 1 });
  });
});

describe('a CSV with every quirk at once', () => {
  it('BOM, semicolons, a title row, CRLF, a quoted note over two lines, an unclosed quote, day-first dates, trailing separators', async () => {
    const file = writeTemp('mixed.csv', '\uFEFF' + [
      'Day sheet 24.11.2026;;;;',
      ';;;;',
      'Client;Service;Status;Date;Note;',
      '"Okafor, Adaeze";Microneedling;Booked;24.11.2026 14:30;"Two lines\r\nof note";',
      'Lund, Bea;Microneedling;Booked;24.11.2026 15:00;"never closed;',
      'Park, Cleo;Deep Microneedling;Booked;31.12.2026 16:00;;',
      'Rao, Dev;Microneedling;No-Show;24.11.2026 16:30;;',
      'Moss, Eli;Microneedling;Booked;13.24.2026 17:00;;',
      '',
    ].join('\r\n'));
    const r = await batchOf(file, { columns: { Client: 'name' }, services: { Deep: 'aggressive', Microneedling: 'standard' }, dateOrder: 'DMY' });
    expect(r).toMatchObject({ made: 2, skipped: 1, rejected: 2 });
    const adaeze = await sheetOf(byLine(r, 4));
    expect(adaeze.flat).toContain('For Okafor, Adaeze');
    expect(adaeze.flat).toContain('Tuesday, November 24, 2026 at 2:30 PM');
    expect(adaeze.flat).toContain('Two lines of note');
    expect(byLine(r, 5)!.errors![0]!.message).toContain('never closed');
    expect((await sheetOf(byLine(r, 6))).flat).toContain('Deep microneedling on Thursday, December 31, 2026 at 4:00 PM');
    expect(byLine(r, 7)).toMatchObject({ status: 'skipped', reason: 'Status is "No-Show"' });
    expect(byLine(r, 8)!.errors![0]!.message).toBe('Date: "13.24.2026 17:00" is not a date in day/month/year order ("dateOrder": "DMY"): there is no month 24');
  });
});

describe('workbooks that are not what they claim', () => {
  const header = ['Name', 'Treatment', 'Date', 'Time'];

  it('reads a hand-made workbook (inline strings, no styles) as a check that the builder below is sound', async () => {
    const file = writeTemp('ok.xlsx', zipOf(workbookParts(sheetXml([header, ['Ana Ruiz', 'standard', '2026-11-24', '9:00']]))));
    const rows = await rowsOf(file);
    expect(rows.map((r) => [r.line, r.values.name])).toEqual([[2, 'Ana Ruiz']]);
  });

  it('a cut-off workbook, a text file named .xlsx and broken XML each stop with a clear message', async () => {
    const whole = zipOf(workbookParts(sheetXml([header, ['Ana Ruiz', 'standard', '2026-11-24', '9:00']])));
    const cut = writeTemp('cut.xlsx', whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(rowsOf(cut)).rejects.toThrow('cannot be read as an Excel workbook: it is cut off or not a zip file');
    const fake = writeTemp('fake.xlsx', 'PK\u0003\u0004 not really a zip');
    await expect(rowsOf(fake)).rejects.toThrow('cannot be read as an Excel workbook');
    const broken = writeTemp('broken.xlsx', zipOf(workbookParts('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row><row')));
    await expect(rowsOf(broken)).rejects.toThrow(/cannot be read as an Excel workbook|has no column/);
  });

  it('a zip bomb (a small file that unpacks to gigabytes) is refused before anything is unpacked', async () => {
    const row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>';
    const huge = Buffer.alloc(ZIP_LIMITS.unpackedBytes + 1024 * 1024, row);
    const file = writeTemp('bomb.xlsx', zipOf(workbookParts(huge)));
    await expect(rowsOf(file)).rejects.toThrow(`is refused as an Excel workbook: it unpacks to more than ${ZIP_LIMITS.unpackedBytes / 1024 / 1024} MB`);
  });

  it(`a workbook with more than ${SHEET_LIMITS.rows.toLocaleString('en-US')} rows stops, naming the limit`, async () => {
    const rows = Array.from({ length: SHEET_LIMITS.rows + 5 }, (_, i) => (i === 0 ? header : ['Ana Ruiz', 'standard', '2026-11-24', '9:00']));
    const file = writeTemp('long.xlsx', zipOf(workbookParts(sheetXml(rows))));
    await expect(rowsOf(file)).rejects.toThrow('the sheet has more than 50,000 rows');
  }, 60_000);

  it('a sheet with only title rows and no header says what it needs', async () => {
    const file = writeTemp('titles.xlsx', zipOf(workbookParts(sheetXml([['Appointments'], ['Juniper Skin Studio']]))));
    await expect(rowsOf(file)).rejects.toThrow('has no recognisable columns. Found: "Appointments". Needed: name');
  });
});
