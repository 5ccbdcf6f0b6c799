import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xlsxRows } from '../../src/batch/read-xlsx.js';
import { tempDir } from '../helpers/cli.js';
import { EXPORTS } from '../helpers/exports.js';

const MINDBODY = join(EXPORTS, 'mindbody.xlsx');

async function rowsOf(file: string): Promise<string[]> {
  const rows: string[] = [];
  for await (const row of xlsxRows(file, { inspect: true }, () => {})) rows.push(`${row.line} ${JSON.stringify(row.values)}`);
  return rows;
}

/** The workbook with the size its zip directory states for `part` (unpacked) set to `bytes`. */
function withStatedSize(file: string, part: string, bytes: number): string {
  const zip = Buffer.from(readFileSync(file));
  const at = zip.lastIndexOf(Buffer.from(part)) - 46; // the central directory's entry (it comes after the local one)
  expect(zip.readUInt32LE(at)).toBe(0x02014b50);
  zip.writeUInt32LE(bytes, at + 24);
  const out = join(tempDir('handout-xlsx-'), 'lying.xlsx');
  writeFileSync(out, zip);
  return out;
}

describe('reading a workbook through its zip directory', () => {
  it('reads the same rows every time: 200 reads, four at once (ExcelJS\'s own pass over the zip lost a part about once in a hundred)', async () => {
    const first = await rowsOf(MINDBODY);
    expect(first.length).toBeGreaterThan(5);
    expect(first.join('\n')).toContain('Okonkwo, Chidi');
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 50; round++) {
      const reads = await Promise.allSettled(Array.from({ length: 4 }, () => rowsOf(MINDBODY)));
      for (const r of reads) {
        const key = r.status === 'rejected' ? String((r.reason as Error).message) : r.value.join('\n') === first.join('\n') ? 'same rows' : 'other rows';
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }
    expect(Object.fromEntries(outcomes)).toEqual({ 'same rows': 200 });
  });

  it('refuses a sheet that unpacks to more than the zip directory says (a bomb that lies about its size), naming the part', async () => {
    const lying = withStatedSize(MINDBODY, 'xl/worksheets/sheet1.xml', 200);
    await expect(rowsOf(lying)).rejects.toThrow(/cannot be read as an Excel workbook: its part xl\/worksheets\/sheet1\.xml unpacks to more than its directory says/);
  });

  it('refuses a workbook part (its list of sheets) that unpacks to more than the zip directory says', async () => {
    const lying = withStatedSize(MINDBODY, 'xl/workbook.xml', 10);
    await expect(rowsOf(lying)).rejects.toThrow(/cannot be read as an Excel workbook: its part xl\/workbook\.xml unpacks to more than its directory says/);
  });

  it('names a damaged sheet (its packed bytes overwritten) instead of reading garbage', async () => {
    const zip = Buffer.from(readFileSync(MINDBODY));
    const local = zip.indexOf(Buffer.from('xl/worksheets/sheet1.xml'));
    zip.fill(0xff, local + 40, local + 120);
    const file = join(tempDir('handout-xlsx-'), 'damaged.xlsx');
    writeFileSync(file, zip);
    await expect(rowsOf(file)).rejects.toThrow(/cannot be read as an Excel workbook: its part xl\/worksheets\/sheet1\.xml is damaged \(/);
  });
});
