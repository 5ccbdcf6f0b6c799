import { readFileSync } from 'node:fs';
import { HandoutError, type ErrorCode } from '../errors.js';
import { redactSecrets } from '../redact.js';
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
    throw new HandoutError(code, `${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${syntaxProblem(e, source)}`, {
      path,
      hint: 'Fix the syntax at the position given.',
    });
  }
}

/**
 * Where the syntax goes wrong, without the parsers' excerpt of the file (it can show a password):
 * the first line of YAML's message (it names line and column), or JSON's position as line and column.
 */
function syntaxProblem(e: unknown, source: string): string {
  const message = (e as Error).message;
  if (!(e instanceof SyntaxError)) return redactSecrets(message.split('\n')[0]!.replace(/:\s*$/, ''));
  const why = /^Unexpected end/.test(message) ? 'the file ends too early' : /^Unexpected token/.test(message) ? 'unexpected character' : 'invalid syntax';
  const at = /position (\d+)/.exec(message);
  if (at) {
    const before = source.slice(0, Number(at[1]));
    return `${why} at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
  }
  // Node 20 names no position: YAML (a superset of JSON) finds where it goes wrong.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const yaml = require('yaml') as typeof import('yaml');
  const pos = yaml.parseDocument(source.replace(/^\uFEFF/, '')).errors[0]?.linePos?.[0];
  return pos ? `${why} at line ${pos.line}, column ${pos.col}` : why;
}
