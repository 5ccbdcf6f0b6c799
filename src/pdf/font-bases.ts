import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Style } from '../layout/types.js';
import { ROOT } from '../paths.js';
import { BASE_CHARS, type BaseFont, type FontFace } from './font-face.js';

/**
 * Each face's base glyphs and their encoded subset, with the font's metrics, worked out by `npm run
 * build` (like V8's code cache, beside the bundle) and keyed by the font file's SHA-256, so a changed
 * font file is simply worked out again at run time. A cold `handout generate` of common characters
 * then never has fontkit parse a font (nor load: it is a lazy stand-in in the bundle), look up a
 * glyph or encode a subset.
 */
export const FONT_BASES_FILE = join(ROOT, 'dist', 'font-bases.json');

export const fontKey = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The saved bases, by font key; empty when there are none (before a build, or unreadable). */
export function readFontBases(file = FONT_BASES_FILE): Record<string, BaseFont> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, BaseFont>;
  } catch {
    return {};
  }
}

/** The saved base for the font file with this key, when it was saved for the current base characters. */
export function baseFor(bases: Record<string, BaseFont>, key: string): BaseFont | undefined {
  const base = bases[key];
  // A base saved by an older build lacks the per-character glyphs and the face's metrics.
  return base?.chars === BASE_CHARS && Array.isArray(base.ids) && base.face ? base : undefined;
}

/** The bases worked out, as the JSON scripts/build.mjs saves to FONT_BASES_FILE. */
export function fontBasesJson(faces: Record<Style, FontFace>, keys: Record<Style, string>): string {
  return JSON.stringify(Object.fromEntries((Object.keys(faces) as Style[]).map((style) => [keys[style], faces[style].exportBase(BASE_CHARS)])));
}
