import { HandoutError } from '../errors.js';

/**
 * A problem that stops a whole batch: the appointments file is missing, unreadable, not a CSV or
 * JSON file, or has no usable columns, or the sheets cannot be written. Sheets already made are
 * kept; the CLI maps it to its own exit code (README, "Exit codes").
 */
export class BatchStopped extends HandoutError {}

/** The appointments file cannot be opened or read. */
export function unreadable(file: string, e: unknown): BatchStopped {
  const code = (e as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? (e as Error).message})`;
  return new BatchStopped('E_IO', `${file} ${reason}`, { path: file, hint: 'Check the path of the appointments file.' });
}
