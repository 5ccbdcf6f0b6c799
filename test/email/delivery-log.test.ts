import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeliveryLog, deliveryKey, type LogEntry } from '../../src/email/delivery-log.js';
import { tempDir } from '../helpers/cli.js';

const row = { email: 'ada@example.com', id: 'E-1', name: 'Ada Lindqvist', treatedAt: '2026-11-23T09:30:00.000-08:00', treatment: 'standard' };
const entry = (key: string, status: LogEntry['status']): LogEntry => ({
  at: '2026-11-23T18:00:00.000Z',
  key,
  to: 'ada@example.com',
  file: 'a.pdf',
  sha256: '0'.repeat(64),
  via: 'smtp://127.0.0.1:25',
  attempt: 1,
  status,
  response: status === 'accepted' ? '250 OK' : '421 Busy',
});

describe('the delivery key', () => {
  it('is the same for the same visit and address, however the time and address are written', () => {
    const k = deliveryKey(row);
    expect(deliveryKey({ ...row, email: 'Ada@Example.com', treatedAt: '2026-11-23T17:30:00Z' })).toBe(k);
    const noId = { ...row, id: undefined };
    expect(deliveryKey({ ...noId, treatedAt: '2026-11-23T09:30-08:00' })).toBe(deliveryKey(noId));
  });

  it('differs for another address, row or visit (a changed treatment is the same delivery with a new plan)', () => {
    const k = deliveryKey(row);
    const aggressive = { ...row, treatment: 'aggressive' };
    expect(deliveryKey(aggressive)).toBe(k);
    const others = [{ email: 'ada2@example.com' }, { id: 'E-2' }, { id: undefined }];
    for (const change of others) expect(deliveryKey({ ...row, ...change })).not.toBe(k);
    const noId = { ...row, id: undefined };
    expect(deliveryKey({ ...noId, treatedAt: '2026-11-30T09:30:00-08:00' })).not.toBe(deliveryKey(noId));
  });
});

describe('the delivery log', () => {
  it('remembers what the server accepted across runs, and only that', () => {
    const out = tempDir();
    const log = DeliveryLog.open(out);
    log.append(entry('k1', 'failed'));
    log.append(entry('k2', 'outbox'));
    expect(log.accepted('k1')).toBeUndefined();
    log.append(entry('k1', 'accepted'));
    expect(log.accepted('k1')).toMatchObject({ response: '250 OK' });
    log.close();
    const again = DeliveryLog.open(out);
    expect(again.accepted('k1')).toMatchObject({ response: '250 OK' });
    expect(again.accepted('k2')).toBeUndefined();
    again.close();
  });

  it('survives a line cut short by a crash', () => {
    const out = tempDir();
    const path = join(out, 'delivery-log.jsonl');
    writeFileSync(path, JSON.stringify(entry('k1', 'accepted')) + '\n' + JSON.stringify(entry('k2', 'accepted')).slice(0, 40));
    const log = DeliveryLog.open(out);
    expect(log.accepted('k1')).toBeDefined();
    expect(log.accepted('k2')).toBeUndefined();
    log.append(entry('k3', 'accepted'));
    log.close();
    // The torn line is gone: the file is whole lines again.
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1]!)).toMatchObject({ key: 'k3' });
  });

  it('never trusts a last line without its line end, even when it reads as a whole entry', () => {
    const out = tempDir();
    const path = join(out, 'delivery-log.jsonl');
    writeFileSync(path, JSON.stringify(entry('k1', 'accepted')) + '\n' + JSON.stringify(entry('k2', 'accepted')));
    const log = DeliveryLog.open(out);
    expect(log.accepted('k1')).toBeDefined();
    expect(log.accepted('k2')).toBeUndefined();
    log.close();
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(entry('k1', 'accepted')) + '\n');
  });

  it('keeps the Message-ID of a message sent without a logged answer, and tells an update from a repeat', () => {
    const out = tempDir();
    const log = DeliveryLog.open(out);
    log.append({ ...entry('k1', 'accepted'), plan: 'p1', messageId: '<a@x>' });
    log.append({ ...entry('k1', 'sending'), plan: 'p2', messageId: '<b@x>' });
    log.close();
    const again = DeliveryLog.open(out);
    expect(again.accepted('k1', 'p1')).toBeDefined();
    expect(again.accepted('k1', 'p2')).toBeUndefined();
    expect(again.pendingMessageId('k1', 'p2')).toBe('<b@x>');
    expect(again.pendingMessageId('k1', 'p1')).toBeUndefined();
    expect(again.isUpdate('k1', 'p2')).toBe(true);
    expect(again.isUpdate('k2', 'p1')).toBe(false);
    again.close();
  });

  it('refuses a second run on the same folder while the first is running, and takes over a stale lock', () => {
    const out = tempDir();
    writeFileSync(join(out, 'delivery-log.lock'), String(process.ppid)); // a process that is alive
    expect(() => DeliveryLog.open(out)).toThrow(expect.objectContaining({ code: 'E_EMAIL', message: expect.stringContaining(`process ${process.ppid}`) }));
    writeFileSync(join(out, 'delivery-log.lock'), '2147483646'); // no such process
    const log = DeliveryLog.open(out);
    log.close();
    appendFileSync(join(out, 'delivery-log.jsonl'), '');
  });
});
