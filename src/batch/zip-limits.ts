import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { BatchStopped, unreadable } from './batch-stopped.js';

/**
 * What a workbook may unpack to. A real day's export is a few megabytes at most; a "zip bomb" (a
 * few kilobytes that unpack to gigabytes) would otherwise fill memory. zip-entry.ts holds each part
 * to the size stated here, so a directory that lies about its sizes is caught as well.
 */
export const ZIP_LIMITS = { unpackedBytes: 100 * 1024 * 1024, entries: 10_000 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** A part of a zip, as its directory lists it. */
export interface ZipEntry {
  name: string;
  /** 0: stored, 8: deflated. */
  method: number;
  packedBytes: number;
  unpackedBytes: number;
  /** Where the part's local header starts. */
  offset: number;
}

/**
 * Check a workbook's zip directory before unpacking anything: it must be a complete zip whose
 * entries unpack to at most ZIP_LIMITS. Only the directory at the end of the file is read; its
 * parts are returned in the order it lists them.
 */
export function checkZip(file: string): ZipEntry[] {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    let at = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        at = i;
        break;
      }
    }
    if (at < 0) throw broken(file, 'it is cut off or not a zip file (its directory is missing)');
    const entries = tail.readUInt16LE(at + 10);
    const dirSize = tail.readUInt32LE(at + 12);
    const dirOffset = tail.readUInt32LE(at + 16);
    if (entries === 0xffff || dirOffset === 0xffffffff) throw tooBig(file, 'it is a ZIP64 archive (over 4 GB or 65,535 parts)');
    if (entries > ZIP_LIMITS.entries) throw tooBig(file, `it has ${entries} parts`);
    if (dirOffset + dirSize > size) throw broken(file, 'its directory points past the end of the file');
    const dir = Buffer.alloc(dirSize);
    readSync(fd, dir, 0, dirSize, dirOffset);
    let total = 0;
    const list: ZipEntry[] = [];
    for (let p = 0, n = 0; n < entries; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw broken(file, 'its directory is damaged');
      const unpacked = dir.readUInt32LE(p + 24);
      if (unpacked === 0xffffffff) throw tooBig(file, 'a part of it is over 4 GB unpacked');
      total += unpacked;
      if (total > ZIP_LIMITS.unpackedBytes) throw tooBig(file, `it unpacks to more than ${ZIP_LIMITS.unpackedBytes / 1024 / 1024} MB`);
      const nameLength = dir.readUInt16LE(p + 28);
      if (p + 46 + nameLength > dir.length) throw broken(file, 'its directory is damaged');
      list.push({ name: dir.toString('utf8', p + 46, p + 46 + nameLength), method: dir.readUInt16LE(p + 10), packedBytes: dir.readUInt32LE(p + 20), unpackedBytes: unpacked, offset: dir.readUInt32LE(p + 42) });
      p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
    return list;
  } catch (e) {
    if (e instanceof BatchStopped) throw e;
    throw unreadable(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export const broken = (file: string, why: string) =>
  new BatchStopped('E_INPUT', `${file} cannot be read as an Excel workbook: ${why}`, { path: file, hint: 'Export the workbook again from the booking system (or save it again in Excel as .xlsx), or export CSV.' });

const tooBig = (file: string, why: string) =>
  new BatchStopped('E_INPUT', `${file} is refused as an Excel workbook: ${why}, far more than a day's appointments`, {
    path: file,
    hint: 'Export only the day (or week) needed, or export CSV.',
  });
