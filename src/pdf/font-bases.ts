import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Style } from '../layout/types.js';
import { ROOT } from '../paths.js';
import { BASE_CHARS, type BaseFont, type FontFace } from './font-face.js';

/**
 * Each face's base glyphs and their encoded subset, worked out by `npm run build` (like V8's code
 * cache, beside the bundle) and keyed by the font file's SHA-256, so a changed font file is simply
 * worked out again at run time. Saves a cold `handout generate` a few hundred glyph look-ups and
 * three runs of fontkit's subset encoder.
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

/** Give each face its saved base, when one was saved for exactly its file and the current base characters. */
export function applyFontBases(faces: Record<Style, FontFace>, keys: Record<Style, string>, bases: Record<string, BaseFont>): void {
  for (const style of Object.keys(faces) as Style[]) {
    const base = bases[keys[style]];
    if (base?.chars === BASE_CHARS) faces[style].importBase(base);
  }
}

/** The bases worked out, as the JSON scripts/build.mjs saves to FONT_BASES_FILE. */
export function fontBasesJson(faces: Record<Style, FontFace>, keys: Record<Style, string>): string {
  return JSON.stringify(Object.fromEntries((Object.keys(faces) as Style[]).map((style) => [keys[style], faces[style].exportBase(BASE_CHARS)])));
}
