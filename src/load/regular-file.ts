import { statSync } from 'node:fs';

/** Largest config, rule or template file read (they are a few KB). */
export const DATA_FILE_MAX_BYTES = 1024 * 1024;

/**
 * Why `path` cannot be read as an ordinary file of at most `maxBytes`, or undefined when it can.
 * Checked before opening: opening a named pipe waits for a writer forever, and /dev/zero never ends.
 */
export function notARegularFile(path: string, maxBytes: number): string | undefined {
  let stat;
  try {
    stat = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`;
  }
  if (stat.isDirectory()) return 'is a folder, not a file';
  if (stat.isFIFO()) return 'is a named pipe (FIFO), not a file: save the data to a file and give its path';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'is a device, not a file';
  if (stat.isSocket()) return 'is a socket, not a file';
  if (!stat.isFile()) return 'is not a regular file';
  if (stat.size > maxBytes) return `is ${megabytes(stat.size)}; at most ${megabytes(maxBytes, 0)} is read`;
  return undefined;
}

const megabytes = (bytes: number, digits = 1) => `${(bytes / 1024 / 1024).toFixed(digits)} MB`;
