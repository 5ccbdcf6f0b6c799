import { readFileSync, realpathSync, statSync } from 'node:fs';
import type { Document } from 'yaml';
import { writeAtomic } from '../deliver/write-atomic.js';
import { HandoutError, HandoutErrors } from '../errors.js';
import { DATA_FILE_MAX_BYTES, notARegularFile } from '../load/regular-file.js';
import { Clinic } from '../schema/clinic.js';
import type { MappingChoice } from '../schema/mapping-choice.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { hasEdits, mappingEdits, writtenMapping, type MappingEdits, type WrittenMapping } from './merge-mapping.js';

export interface SavedMapping {
  /** The config file written (a link followed to its file). */
  file: string;
  /** The keys written, each with its whole new value; empty when the config already said it all (nothing written). */
  written: WrittenMapping;
}

export const configFormat = (path: string): 'json' | 'yaml' => (/\.ya?ml$/i.test(path) ? 'yaml' : 'json');

const WRITABLE_HINT = 'Make the file and its folder writable for the account that runs `handout serve`, or paste the settings into the file by hand.';

/**
 * Write the front desk's mapping into the clinic config file: only the reading settings change
 * (`columns`, `services`, `statuses`, `dateOrder`), every other key stays as it is, and a YAML file
 * keeps its comments (the `yaml` package's Document API edits the parsed document). The result is
 * checked with the schema that loads it, then written atomically with the file's own permissions.
 * The file is read again here, not taken from memory: an edit made to it since the server started is kept.
 */
export function saveMapping(configPath: string, choice: MappingChoice): SavedMapping {
  const file = realConfig(configPath);
  const problem = notARegularFile(file, DATA_FILE_MAX_BYTES);
  if (problem) throw new HandoutError('E_CONFIG', `the clinic config ${file} ${problem}`, { path: file, hint: 'Check the file path.' });
  const mode = statSync(file).mode & 0o7777;
  if ((mode & 0o222) === 0) {
    throw new HandoutError('E_IO', `the clinic config ${file} is read-only (its permissions let nobody write it), so the settings were not saved`, { path: file, hint: WRITABLE_HINT });
  }
  const text = readFileSync(file, 'utf8');
  const format = configFormat(file);
  const edit = format === 'yaml' ? yamlEditor(file, text) : jsonEditor(file, text);

  const current = checked(file, edit.data);
  const edits = mappingEdits(current, choice);
  const written = writtenMapping(current, edits);
  if (!hasEdits(edits)) return { file, written };
  const next = edit.apply(edits, written);
  // The same parser and schema as loading it: what is written is what the server reads back.
  checked(file, format === 'yaml' ? yamlModule().parse(next) : JSON.parse(next.replace(/^\uFEFF/, '')));
  try {
    writeAtomic(file, Buffer.from(next, 'utf8'), { mode });
  } catch (e) {
    const why = e instanceof HandoutError ? e.message.replace(/^cannot write [^:]+: /, '') : String((e as NodeJS.ErrnoException).code ?? e);
    throw new HandoutError('E_IO', `the clinic config ${file} cannot be written (${why}), so the settings were not saved`, { path: file, hint: WRITABLE_HINT });
  }
  return { file, written };
}

/** The file a config path names, through links (a link is kept, its file is written). */
function realConfig(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    throw new HandoutError('E_CONFIG', `the clinic config ${path} does not exist`, { path, hint: 'Check the file path.' });
  }
}

/** The config as the schema reads it, or its errors naming the file and the key. */
function checked(file: string, data: unknown): Clinic {
  const parsed = Clinic.safeParse(data);
  if (parsed.success) return parsed.data;
  const errors = issuesToErrors('E_CONFIG', parsed.error.issues, data, (p) => `${file}: ${p.join('.')}`);
  throw errors.length === 1 ? errors[0]! : new HandoutErrors(errors);
}

interface Editor {
  /** The file's data as parsed. */
  data: unknown;
  /** The file's new text with the edits made (`written`: the changed keys' whole new values). */
  apply(edits: MappingEdits, written: WrittenMapping): string;
}

const syntaxError = (file: string, kind: string) =>
  new HandoutError('E_CONFIG', `the clinic config ${file} is not valid ${kind}, so the settings were not saved`, { path: file, hint: `Fix it (\`handout rules check --config ${file}\` says where), then save again.` });

/** JSON: the parsed object with the reading keys replaced (new ones at the end), in the file's indentation. */
function jsonEditor(file: string, text: string): Editor {
  const bom = text.startsWith('\uFEFF') ? '\uFEFF' : '';
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(text.slice(bom.length)) as Record<string, unknown>;
  } catch {
    throw syntaxError(file, 'JSON');
  }
  return {
    data,
    apply(_edits, written) {
      const out = new Map(Object.entries(data));
      for (const [k, v] of Object.entries(written)) out.set(k, v);
      const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
      return bom + JSON.stringify(Object.fromEntries(out), null, indent) + (text.endsWith('\n') ? '\n' : '');
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yamlModule = () => require('yaml') as typeof import('yaml');

/** YAML: the parsed document edited entry by entry, so every comment and every other entry stays where it was. */
function yamlEditor(file: string, text: string): Editor {
  const yaml = yamlModule();
  const doc: Document = yaml.parseDocument(text);
  if (doc.errors.length) throw syntaxError(file, 'YAML');
  return {
    data: doc.toJS(),
    apply(edits) {
      for (const k of edits.columns.remove) doc.deleteIn(['columns', k]);
      for (const [k, v] of edits.columns.set) doc.setIn(['columns', k], v);
      for (const k of edits.statuses.remove) doc.deleteIn(['statuses', k]);
      for (const [k, v] of edits.statuses.set) doc.setIn(['statuses', k], v);
      if (edits.services.prepend.length + edits.services.remove.length) {
        const services = doc.get('services', true);
        if (yaml.isMap(services)) {
          for (const k of edits.services.remove) services.delete(k);
          // First: the first entry a service contains wins.
          services.items.unshift(...edits.services.prepend.map(([k, v]) => doc.createPair(k, v)));
        } else {
          doc.set('services', doc.createNode(Object.fromEntries(edits.services.prepend)));
        }
      }
      if (edits.dateOrder) doc.set('dateOrder', edits.dateOrder);
      return doc.toString({ lineWidth: 0 });
    },
  };
}
