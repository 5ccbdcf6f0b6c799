import { HandoutError, HandoutErrors, isHandoutError, quote } from '../errors.js';
import { validateVisit } from '../handout.js';
import type { Resources } from '../resources.js';
import type { Visit } from '../schema/visit.js';
import { PAPERS, type Paper } from '../schema/clinic.js';

/** The API's visit fields (JSON keys); `timezone` is the schema's `timeZone`. */
export const VISIT_KEYS = ['name', 'treatment', 'date', 'timezone', 'area', 'concern', 'note', 'language', 'paper', 'email', 'dob'] as const;

const SCHEMA_KEY: Record<string, string> = { timezone: 'timeZone' };
const API_KEY: Record<string, string> = { timeZone: 'timezone' };

export interface VisitRequest {
  visit: Visit;
  paper?: Paper;
  /** The body as sent, for error values. */
  values: Record<string, unknown>;
}

/**
 * A request body (already parsed JSON) -> a validated visit, through the same validateVisit as the
 * CLI. Throws HandoutErrors naming every bad field at once, by its JSON key: unknown keys, a bad
 * paper, every field validateVisit rejects, and text the sheet's font cannot print (found here,
 * before anything is rendered).
 */
export function visitFromBody(resources: Resources, body: unknown, options: { now: import('luxon').DateTime; allowEmail: boolean }): VisitRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HandoutError('E_INPUT', `the body must be a JSON object with the visit's fields (got ${Array.isArray(body) ? 'a list' : quote(body)})`, {
      hint: `Send {"name": "...", "treatment": "standard", "date": "2026-11-23T14:30"}; other fields: ${VISIT_KEYS.slice(3).join(', ')}.`,
    });
  }
  const values = body as Record<string, unknown>;
  const errors: HandoutError[] = [];
  const allowed: readonly string[] = options.allowEmail ? VISIT_KEYS : VISIT_KEYS.filter((k) => k !== 'email');
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!allowed.includes(key)) {
      errors.push(new HandoutError('E_INPUT', `${key}: is not a field of a visit`, { path: key, hint: `Use only: ${allowed.join(', ')}.` }));
    } else if (key !== 'paper' && value !== null) {
      // One spelling of each accented letter (a Mac keyboard may send "e" + a combining accent):
      // the sheet has no shaping to place a loose accent, and file names and the delivery log match.
      raw[SCHEMA_KEY[key] ?? key] = typeof value === 'string' ? value.normalize('NFC') : value;
    }
  }
  const paper = parsePaper(values.paper, errors);
  for (const key of ['name', 'area', 'concern', 'note'] as const) invisible(raw[key], key, errors);
  const fieldName = (f: string) => API_KEY[f] ?? f;
  let visit: Visit | undefined;
  try {
    visit = validateVisit(resources, raw, { now: options.now, fieldName });
  } catch (e) {
    if (!isHandoutError(e)) throw e;
    errors.push(...(e instanceof HandoutErrors ? e.errors : [e]));
  }
  // The font's coverage, for every text field not already refused.
  const refused = new Set(errors.map((e) => e.path));
  for (const key of ['name', 'area', 'concern', 'note'] as const) {
    const value = raw[key];
    if (typeof value !== 'string' || refused.has(key)) continue;
    try {
      resources.fonts.assertCanDraw(value.trim(), key);
    } catch (e) {
      if (!isHandoutError(e)) throw e;
      errors.push(e);
    }
  }
  if (errors.length) throw new HandoutErrors(errors);
  return { visit: visit!, ...(paper && { paper }), values };
}

/**
 * Invisible format characters (zero-width spaces, direction overrides, soft hyphens): the page
 * shows them one way and the sheet another (a right-to-left override reverses the name on screen,
 * not on paper), so the sheet would not read as typed.
 */
function invisible(value: unknown, field: string, errors: HandoutError[]): void {
  if (typeof value !== 'string') return;
  const m = /[\p{Cf}\u034f]/u.exec(value);
  if (!m) return;
  const cp = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  errors.push(
    new HandoutError('E_INPUT', `${field}: has an invisible character (U+${cp}) at position ${[...value.slice(0, m.index)].length + 1}, which the sheet cannot show as typed`, {
      path: field,
      hint: 'Type the text again instead of pasting it (it was probably copied with a hidden character).',
    }),
  );
}

function parsePaper(value: unknown, errors: HandoutError[]): Paper | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const v = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if ((PAPERS as readonly unknown[]).includes(v)) return v as Paper;
  errors.push(new HandoutError('E_INPUT', `paper: ${quote(value)} is not a paper size`, { path: 'paper', hint: `Use one of: ${PAPERS.join(', ')}.` }));
  return undefined;
}
