import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HandoutErrors } from '../errors.js';
import { Vocabulary } from '../schema/vocabulary.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { readDataFile } from './read-data-file.js';

export const VOCABULARY_FILE = 'areas-and-concerns.json';

/** `<rules>/areas-and-concerns.json`: the areas and concerns, with their words per language (none if the file is absent). */
export function loadVocabulary(rulesDir: string): Vocabulary {
  const path = join(rulesDir, VOCABULARY_FILE);
  if (!existsSync(path)) return { areas: [], concerns: [] };
  const raw = readDataFile(path, 'E_RULES');
  const parsed = Vocabulary.safeParse(raw);
  if (!parsed.success) throw new HandoutErrors(issuesToErrors('E_RULES', parsed.error.issues, raw, (p) => `${path}: ${p.join('.')}`));
  return parsed.data;
}
