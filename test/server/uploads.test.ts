import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Uploads, cleanFileName } from '../../src/server/uploads.js';

describe('exports kept for the mapping step', () => {
  it('private (a folder only the server reads, files 0600), the ten newest for an hour, all gone when the server stops', () => {
    let now = 1_000_000;
    const uploads = new Uploads(() => now);
    const first = uploads.add(new TextEncoder().encode('Name,Date\n'), 'day\u0000/../x.csv', '.csv');
    expect(first.fileName).toBe('day..x.csv');
    expect(first.file.endsWith(`${first.id}.csv`)).toBe(true);
    expect(readFileSync(first.file, 'utf8')).toBe('Name,Date\n');
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(first.file)).mode & 0o777).toBe(0o700);

    const later = Array.from({ length: 10 }, (_, i) => uploads.add(new Uint8Array([i]), `${i}.csv`, '.csv'));
    expect(uploads.get(first.id)).toBeUndefined();
    expect(existsSync(first.file)).toBe(false);
    expect(uploads.get(later[0]!.id)).toBeDefined();

    now += 60 * 60_000 + 1;
    expect(uploads.get(later[9]!.id)).toBeUndefined();
    expect(existsSync(later[9]!.file)).toBe(false);

    const last = uploads.add(new Uint8Array([1]), 'z.csv', '.csv');
    uploads.close();
    expect(existsSync(dirname(last.file))).toBe(false);
    expect(cleanFileName(undefined)).toBe('the upload');
  });
});
