import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { BatchStopped, unreadable } from './batch-stopped.js';

/**
 * What a workbook may unpack to. A real day's export is a few megabytes at most; a "zip bomb" (a
 * few kilobytes that unpack to gigabytes) would otherwise fill memory, or the disk: ExcelJS's
 * streaming reader writes a sheet to a temporary file when the zip lists it before its strings.
 */
export const ZIP_LIMITS = { unpackedBytes: 100 * 1024 * 1024, entries: 10_000 };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * Check a workbook's zip directory before unpacking anything: it must be a complete zip whose
 * entries unpack to at most ZIP_LIMITS. Only the directory at the end of the file is read.
 */
export function checkZip(file: string): void {
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
    for (let p = 0, n = 0; n < entries; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw broken(file, 'its directory is damaged');
      const unpacked = dir.readUInt32LE(p + 24);
      if (unpacked === 0xffffffff) throw tooBig(file, 'a part of it is over 4 GB unpacked');
      total += unpacked;
      if (total > ZIP_LIMITS.unpackedBytes) throw tooBig(file, `it unpacks to more than ${ZIP_LIMITS.unpackedBytes / 1024 / 1024} MB`);
      p += 46 + dir.readUInt16LE(p + 28) + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
    }
  } catch (e) {
    if (e instanceof BatchStopped) throw e;
    throw unreadable(file, e);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

const broken = (file: string, why: string) =>
  new BatchStopped('E_INPUT', `${file} cannot be read as an Excel workbook: ${why}`, { path: file, hint: 'Export the workbook again from the booking system (or save it again in Excel as .xlsx), or export CSV.' });

const tooBig = (file: string, why: string) =>
  new BatchStopped('E_INPUT', `${file} is refused as an Excel workbook: ${why}, far more than a day's appointments`, {
    path: file,
    hint: 'Export only the day (or week) needed, or export CSV.',
  });
