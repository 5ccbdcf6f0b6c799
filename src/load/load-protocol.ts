import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HandoutError, HandoutErrors } from '../errors.js';
import { ProtocolFile } from '../schema/protocol.js';
import { RuleTextFile } from '../schema/rule.js';
import { Vocabulary } from '../schema/vocabulary.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { readDataFile } from './read-data-file.js';

/** A clinic's protocol folder as read from disk, validated file by file (not yet against the bundled rules). */
export interface ClinicProtocol {
  dir: string;
  /** `<dir>/protocol.json`. */
  file: string;
  data: ProtocolFile;
  /** `<dir>/text.<lang>.json`: rule id -> text, per language. */
  texts: { lang: string; file: string; entries: Record<string, string> }[];
  /** `<dir>/areas-and-concerns.json`: more areas, concerns or words. */
  vocabulary?: { file: string; data: Vocabulary };
  /** Every file of the folder, sorted, for the protocol's hash. */
  files: string[];
}

const TEXT_FILE = /^text\.([a-z]{2,3}(?:-[a-z0-9]+)?)\.(json|ya?ml)$/i;
const PROTOCOL_FILE = /^protocol\.(json|ya?ml)$/i;
const VOCABULARY_FILE = /^areas-and-concerns\.(json|ya?ml)$/i;

/** Read `dir` (the config's `protocol`), collecting every problem with its file, rule id and field. */
export function loadProtocolFolder(dir: string, configField: string): ClinicProtocol {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new HandoutError('E_CONFIG', `${configField}: the protocol folder ${dir} does not exist`, {
      path: configField,
      hint: 'Give a folder path relative to the config file (e.g. "./protocol"), or run `handout init` to make one.',
    });
  }
  const names = readdirSync(dir).filter((n) => !n.startsWith('.')).sort();
  const errors: HandoutError[] = [];
  const protocolName = names.find((n) => PROTOCOL_FILE.test(n));
  const file = join(dir, protocolName ?? 'protocol.json');
  let data: ProtocolFile = { rules: [], drop: [] };
  if (!protocolName) {
    errors.push(new HandoutError('E_RULES', `${file} does not exist`, {
      path: file,
      hint: 'A protocol folder needs a protocol.json: {"version": "1", "rules": [], "drop": []} (see the README, "A clinic\'s own protocol").',
    }));
  } else {
    const raw = readDataFile(file, 'E_RULES');
    const parsed = ProtocolFile.safeParse(raw);
    if (parsed.success) data = parsed.data;
    else errors.push(...issuesToErrors('E_RULES', parsed.error.issues, raw, (p) => describePath(file, raw, p)));
  }

  const texts: ClinicProtocol['texts'] = [];
  for (const name of names.filter((n) => TEXT_FILE.test(n))) {
    const path = join(dir, name);
    const raw = readDataFile(path, 'E_RULES');
    const parsed = RuleTextFile.safeParse(raw);
    if (!parsed.success) {
      errors.push(...issuesToErrors('E_RULES', parsed.error.issues, raw, (p) => `${path}#${p.join('.')}`));
      continue;
    }
    const entries = Object.fromEntries(Object.entries(parsed.data).filter(([id]) => !id.startsWith('$')));
    texts.push({ lang: TEXT_FILE.exec(name)![1]!.toLowerCase(), file: path, entries });
  }

  let vocabulary: ClinicProtocol['vocabulary'];
  const vocabularyName = names.find((n) => VOCABULARY_FILE.test(n));
  if (vocabularyName) {
    const path = join(dir, vocabularyName);
    const raw = readDataFile(path, 'E_RULES');
    const parsed = Vocabulary.safeParse(raw);
    if (parsed.success) vocabulary = { file: path, data: parsed.data };
    else errors.push(...issuesToErrors('E_RULES', parsed.error.issues, raw, (p) => `${path}: ${p.join('.')}`));
  }

  for (const name of names) {
    const known = PROTOCOL_FILE.test(name) || TEXT_FILE.test(name) || VOCABULARY_FILE.test(name);
    if (!known && /\.(json|ya?ml)$/i.test(name)) {
      errors.push(new HandoutError('E_RULES', `${join(dir, name)}: not a protocol file`, {
        path: join(dir, name),
        hint: 'A protocol folder holds protocol.json, text.<language>.json and areas-and-concerns.json.',
      }));
    }
  }
  if (errors.length) throw errors.length === 1 ? errors[0]! : new HandoutErrors(errors);
  return { dir, file, data, texts, ...(vocabulary && { vocabulary }), files: names.map((n) => join(dir, n)) };
}

/** ["rules", 2, "from", "hours"] -> "<file>#cleanse.from.hours"; ["drop", 1] -> "<file>#drop.1". */
function describePath(file: string, raw: unknown, p: PropertyKey[]): string {
  if (p[0] === 'rules' && typeof p[1] === 'number') {
    const rule = (raw as { rules?: Array<{ id?: unknown }> }).rules?.[p[1]];
    const id = typeof rule?.id === 'string' ? rule.id : `rule ${p[1] + 1}`;
    return `${file}#${id}${p.length > 2 ? '.' + p.slice(2).join('.') : ''}`;
  }
  return `${file}#${p.join('.')}`;
}
