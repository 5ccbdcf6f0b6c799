import { readFileSync } from 'node:fs';
import { HandoutError, type ErrorCode } from '../errors.js';
import { DATA_FILE_MAX_BYTES, notARegularFile } from './regular-file.js';

/**
 * Read a JSON or YAML data file. The YAML parser is only loaded when a YAML file is met, so the
 * usual JSON set-up does not pay for it at start-up.
 */
export function readDataFile(path: string, code: ErrorCode): unknown {
  const problem = notARegularFile(path, DATA_FILE_MAX_BYTES);
  if (problem) throw new HandoutError(code, `${path} ${problem}`, { path, hint: 'Check the file path.' });
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new HandoutError(code, `${path} ${reason}`, { path, hint: 'Check the file path.' });
  }
  try {
    if (/\.ya?ml$/i.test(path)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const yaml = require('yaml') as typeof import('yaml');
      return yaml.parse(source);
    }
    return JSON.parse(source.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new HandoutError(code, `${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(e as Error).message}`, {
      path,
      hint: 'Fix the syntax at the position given.',
    });
  }
}
