import type { z } from 'zod';
import { HandoutError, quote, type ErrorCode } from '../errors.js';
import { redactSecrets } from '../redact.js';

/**
 * Turn zod issues into HandoutErrors that name the field, the value given and what is accepted.
 * `fieldName` maps a schema path to the name the user typed (a CLI flag, a CSV column).
 */
export function issuesToErrors(
  code: ErrorCode,
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  fieldName: (path: PropertyKey[]) => string = (p) => p.join('.'),
): HandoutError[] {
  return issues.map((issue) => {
    const path = issue.path as PropertyKey[];
    const field = fieldName(path) || '(top level)';
    // An unknown key is named, not its object quoted (the object may hold a password), and nothing
    // quoted from a config file shows a password.
    if (issue.code === 'unrecognized_keys') {
      return new HandoutError(code, `${field}: ${redactSecrets(issue.message)}`, { path: field, hint: redactSecrets(hintFor(issue)) });
    }
    const value = valueAt(input, path);
    const given = value === undefined ? 'nothing was given' : SECRET_KEY.test(String(path.at(-1) ?? '')) ? 'got ****' : `got ${redactSecrets(quote(value))}`;
    return new HandoutError(code, `${field}: ${issue.message} (${given})`, {
      path: field,
      hint: hintFor(issue),
    });
  });
}

const SECRET_KEY = /pass|secret|token|url/i;

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function hintFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `Use one of: ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'too_big':
      return `Use at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}.`;
    case 'too_small':
      return issue.origin === 'string' ? 'This cannot be empty.' : `Use at least ${String(issue.minimum)}.`;
    case 'unrecognized_keys':
      return `Remove or correct: ${issue.keys.join(', ')}.`;
    default:
      return issue.message;
  }
}
