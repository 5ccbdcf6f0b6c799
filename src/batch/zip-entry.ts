import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { BatchStopped } from './batch-stopped.js';
import { broken, type ZipEntry } from './zip-limits.js';

const LOCAL = 0x04034b50;

/** Where a part's packed bytes start: after its local header, whose name and extra field lengths are its own. */
function dataStart(fd: number, file: string, entry: ZipEntry): number {
  const header = Buffer.alloc(30);
  if (readSync(fd, header, 0, 30, entry.offset) !== 30 || header.readUInt32LE(0) !== LOCAL) throw broken(file, `its part ${entry.name} is missing`);
  return entry.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** `read` with the file open (closed after, whatever happens). */
function withFile<T>(file: string, read: (fd: number) => T): T {
  const fd = openSync(file, 'r');
  try {
    return read(fd);
  } finally {
    closeSync(fd);
  }
}

function checkMethod(file: string, entry: ZipEntry): void {
  if (entry.method !== 0 && entry.method !== 8) throw broken(file, `its part ${entry.name} is packed in a way Excel does not use (method ${entry.method})`);
}

/** A small part, whole: read at the offset the directory gives, unpacked to at most the size it states. */
export function readEntry(file: string, entry: ZipEntry): Buffer {
  checkMethod(file, entry);
  const packed = Buffer.alloc(entry.packedBytes);
  withFile(file, (fd) => {
    if (readSync(fd, packed, 0, packed.length, dataStart(fd, file, entry)) !== packed.length) throw broken(file, `its part ${entry.name} is cut off`);
  });
  if (entry.method === 0) return packed;
  try {
    // maxOutputLength: a part that unpacks to more than its directory said is a bomb, refused mid-way.
    return inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.unpackedBytes) });
  } catch (e) {
    throw damaged(file, entry, e);
  }
}

function damaged(file: string, entry: ZipEntry, e: unknown): Error {
  if (e instanceof BatchStopped) return e;
  if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return broken(file, `its part ${entry.name} unpacks to more than its directory says`);
  return broken(file, `its part ${entry.name} is damaged (${(e as Error).message})`);
}

/**
 * A large part (a sheet), unpacked as it is read, only when it is read: the bytes never exceed the
 * size its directory states (checked against ZIP_LIMITS), whatever the packed data says.
 */
export function streamEntry(file: string, entry: ZipEntry): AsyncIterable<Buffer> {
  return {
    async *[Symbol.asyncIterator]() {
      checkMethod(file, entry);
      if (entry.packedBytes === 0) return;
      const start = withFile(file, (fd) => dataStart(fd, file, entry));
      const packed = createReadStream(file, { start, end: start + entry.packedBytes - 1 });
      const bytes: Readable = entry.method === 0 ? packed : packed.pipe(createInflateRaw());
      let total = 0;
      try {
        for await (const chunk of bytes) {
          total += (chunk as Buffer).length;
          if (total > entry.unpackedBytes) throw broken(file, `its part ${entry.name} unpacks to more than its directory says`);
          yield chunk as Buffer;
        }
      } catch (e) {
        throw damaged(file, entry, e);
      } finally {
        packed.destroy();
        bytes.destroy();
      }
    },
  };
}
