import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { HandoutError, HandoutErrors } from '../errors.js';
import { RuleFile, RuleTextFile, SECTIONS, type Rule } from '../schema/rule.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { compileText, remembered, type ReadingTemplate } from './handlebars.js';
import type { Terms } from './terms.js';
import type { ProtocolInfo } from './protocol-info.js';
import { readDataFile } from './read-data-file.js';

/** A validated rule with its text compiled for every language that has one. */
export interface LoadedRule extends Rule {
  /** Where the rule came from, for messages: "rules/protocol.json#cleanse". */
  source: string;
  /** Each language's text, compiled; `reads` says which data fields it can read. */
  templates: Record<string, ReadingTemplate>;
}

export interface LoadedRules {
  /** In sheet order: by section, then by order in the files. */
  rules: LoadedRule[];
  files: string[];
  /** Areas and concerns with their words (rules/areas-and-concerns.json), for `when` conditions and labels. */
  terms?: Terms;
  /** What a clinic's protocol folder changed (src/load/apply-protocol.ts); absent for the bundled rules alone. */
  protocol?: ProtocolInfo;
}

// Not rule files: text.<lang>.json (a language's texts) and areas-and-concerns.json (src/load/load-vocabulary.ts).
const RULE_FILE = /^(?!text\.|areas-and-concerns\.)[^.].*\.(json|ya?ml)$/i;
const TEXT_FILE = /^text\.([a-z]{2,3}(?:-[a-z0-9]+)?)\.(json|ya?ml)$/i;

/**
 * Load every rule file in `dir` (JSON or YAML), plus `text.<lang>.json` files that give the rules'
 * text in more languages. Every problem names the file, the rule id and the field.
 */
export function loadRules(dir: string): LoadedRules {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new HandoutError('E_RULES', `the rules folder ${dir} cannot be read`, { path: dir });
  }
  const errors: HandoutError[] = [];
  const files: string[] = [];
  const byId = new Map<string, LoadedRule>();
  for (const name of names.filter((n) => RULE_FILE.test(n))) {
    files.push(join(dir, name));
    readRuleFile(join(dir, name), byId, errors);
  }
  for (const name of names.filter((n) => TEXT_FILE.test(n))) {
    files.push(join(dir, name));
    readTextFile(join(dir, name), TEXT_FILE.exec(name)![1]!.toLowerCase(), byId, errors);
  }
  const rules = [...byId.values()];
  for (const rule of rules) errors.push(...checkOverrides(rule, byId), ...compileTexts(rule));
  if (errors.length) throw errors.length === 1 ? errors[0]! : new HandoutErrors(errors);

  const order = (r: Rule) => SECTIONS.indexOf(r.section);
  rules.sort((a, b) => order(a) - order(b)); // stable: file order within a section
  return { rules, files };
}

/** The rules of one file, added to `byId` in file order; a rule whose id is taken is an error. */
function readRuleFile(path: string, byId: Map<string, LoadedRule>, errors: HandoutError[]): void {
  const raw = readDataFile(path, 'E_RULES');
  const parsed = RuleFile.safeParse(raw);
  if (!parsed.success) {
    errors.push(...issuesToErrors('E_RULES', parsed.error.issues, raw, (p) => describeRulePath(path, raw, p)));
    return;
  }
  for (const rule of parsed.data.rules) {
    const source = `${path}#${rule.id}`;
    const taken = byId.get(rule.id);
    if (taken) {
      errors.push(new HandoutError('E_RULES', `${source}: the id "${rule.id}" is used twice (also ${taken.source})`, { path: source, hint: 'Give every rule its own id.' }));
      continue;
    }
    byId.set(rule.id, { ...rule, text: { ...rule.text }, source, templates: {} });
  }
}

/** A `text.<lang>.json` file: each rule id's text in that language. */
function readTextFile(path: string, lang: string, byId: Map<string, LoadedRule>, errors: HandoutError[]): void {
  const raw = readDataFile(path, 'E_RULES');
  const parsed = RuleTextFile.safeParse(raw);
  if (!parsed.success) {
    errors.push(...issuesToErrors('E_RULES', parsed.error.issues, raw, (p) => `${path}: ${p.join('.')}`));
    return;
  }
  for (const [id, text] of Object.entries(parsed.data)) {
    if (id.startsWith('$')) continue;
    const rule = byId.get(id);
    if (rule) rule.text[lang] = text;
    else errors.push(new HandoutError('E_RULES', `${path}: "${id}" is not the id of any rule`, { path: `${path}#${id}`, hint: 'Check the spelling against the rule files.' }));
  }
}

function checkOverrides(rule: LoadedRule, byId: Map<string, LoadedRule>): HandoutError[] {
  return (rule.overrides ?? [])
    .filter((target) => !byId.has(target))
    .map((target) => new HandoutError('E_RULES', `${rule.source}: overrides: "${target}" is not the id of any rule`, {
      path: `${rule.source}.overrides`,
      hint: `Known ids: ${[...byId.keys()].join(', ')}.`,
    }));
}

/** Compile each language's text once (remembered per value of the fields it reads). */
function compileTexts(rule: LoadedRule): HandoutError[] {
  const errors: HandoutError[] = [];
  for (const [lang, source] of Object.entries(rule.text)) {
    try {
      rule.templates[lang] = remembered(compileText(source));
    } catch (e) {
      errors.push(new HandoutError('E_RULES', `${rule.source}: text.${lang}: ${(e as Error).message.split('\n')[0]}`, { path: `${rule.source}.text.${lang}` }));
    }
  }
  return errors;
}

/** Turn a zod path like ["rules", 3, "from"] into "rules/x.json#cleanse.from". */
function describeRulePath(path: string, raw: unknown, p: PropertyKey[]): string {
  if (p[0] === 'rules' && typeof p[1] === 'number') {
    const rule = (raw as { rules?: Array<{ id?: unknown }> }).rules?.[p[1]];
    const id = typeof rule?.id === 'string' ? rule.id : `rule ${p[1] + 1}`;
    return `${path}#${id}${p.length > 2 ? '.' + p.slice(2).join('.') : ''}`;
  }
  return `${path}: ${p.join('.')}`;
}
