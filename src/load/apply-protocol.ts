import { HandoutError, HandoutErrors } from '../errors.js';
import { missingCalendarTimes, Rule, SECTIONS as SECTION_ORDER } from '../schema/rule.js';
import type { RulePatch } from '../schema/protocol.js';
import type { Vocabulary } from '../schema/vocabulary.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { Terms } from './terms.js';
import { compileText, remembered } from './handlebars.js';
import type { ClinicProtocol } from './load-protocol.js';
import type { LoadedRule, LoadedRules } from './load-rules.js';
import type { ProtocolInfo, RuleOrigin } from './protocol-info.js';

/** Fields a clinic's text may read, as renderText provides them. */
const TEXT_FIELDS = new Set(['from', 'until', 'at', 'clinic', 'patient', 'treatment', 'treatmentLabel', 'treatedOn', 'treatedAt', 'area', 'concern', 'note']);

/**
 * The rules a clinic's sheets use: the bundled ones, with the clinic's changes (only the fields it
 * gives; texts merged per language), additions and drops. Every problem names the clinic's file,
 * the rule id and the field. Pure: the bundled rules are not modified.
 */
export function applyProtocol(
  base: LoadedRules,
  vocabulary: Vocabulary,
  clinic: ClinicProtocol | undefined,
  hash: string,
): LoadedRules {
  const origins = new Map<string, RuleOrigin>();
  for (const r of base.rules) origins.set(r.id, { kind: 'bundled', file: r.source.split('#')[0]! });
  const terms = new Terms(mergeVocabulary(vocabulary, clinic?.vocabulary?.data));
  if (!clinic) return { ...base, terms, protocol: { version: hash, hash, origins, dropped: [] } };

  const errors: HandoutError[] = [];
  const { file, data } = clinic;
  const bundled = new Map(base.rules.map((r) => [r.id, r]));
  const result = new Map<string, LoadedRule>(base.rules.map((r) => [r.id, r]));
  const added: LoadedRule[] = [];
  const patched = new Set<string>();

  for (const patch of data.rules) {
    const source = `${file}#${patch.id}`;
    if (patched.has(patch.id)) {
      errors.push(new HandoutError('E_RULES', `${source}: the id "${patch.id}" is given twice`, { path: source, hint: 'Give each rule once; put all its changes together.' }));
      continue;
    }
    patched.add(patch.id);
    const original = bundled.get(patch.id);
    if (original) {
      const changed = changeRule(original, patch, source);
      // The calendar entry names one of the rule's times: it must still be there after the change.
      for (const name of missingCalendarTimes(changed)) {
        errors.push(new HandoutError('E_RULES', `${source}.calendar: names the time "${name}", which this rule does not have`, { path: `${source}.calendar`, hint: 'Give the rule that time, or a calendar entry naming one it has (from, until or at.<name>).' }));
      }
      result.set(patch.id, changed);
      origins.set(patch.id, { kind: 'changed', file, fields: changedFields(patch), files: [file] });
      continue;
    }
    const parsed = Rule.safeParse(patch);
    if (!parsed.success) {
      for (const e of issuesToErrors('E_RULES', parsed.error.issues, patch, (p) => `${source}.${p.join('.')}`)) {
        errors.push(new HandoutError('E_RULES', e.message, {
          path: e.path!,
          hint: `"${patch.id}" is not a bundled rule, so it is a new one: it needs at least section and text. To change a bundled rule, use its id (handout rules check lists them).`,
        }));
      }
      continue;
    }
    const rule: LoadedRule = { ...parsed.data, text: { ...parsed.data.text }, source, templates: {} };
    result.set(rule.id, rule);
    added.push(rule);
    origins.set(rule.id, { kind: 'added', file, files: [file] });
  }

  const dropped: ProtocolInfo['dropped'] = [];
  for (const [i, id] of data.drop.entries()) {
    const where = `${file}#drop.${i}`;
    if (!bundled.has(id)) {
      errors.push(new HandoutError('E_RULES', `${where}: "${id}" is not the id of a bundled rule`, { path: where, hint: `Bundled ids: ${[...bundled.keys()].join(', ')}.` }));
    } else if (patched.has(id)) {
      errors.push(new HandoutError('E_RULES', `${where}: "${id}" is both changed (in rules) and dropped`, { path: where, hint: 'Either change the rule or drop it.' }));
    } else {
      result.delete(id);
      origins.delete(id);
      dropped.push({ id, file });
    }
  }

  // text.<lang>.json: a language's text for bundled or new rules.
  for (const { lang, file: textFile, entries } of clinic.texts) {
    for (const [id, text] of Object.entries(entries)) {
      const rule = result.get(id);
      if (!rule) {
        const why = dropped.some((d) => d.id === id) ? 'is dropped in protocol.json' : 'is not the id of any rule';
        errors.push(new HandoutError('E_RULES', `${textFile}#${id}: "${id}" ${why}`, { path: `${textFile}#${id}`, hint: 'Check the spelling against `handout rules check`.' }));
        continue;
      }
      const copy: LoadedRule = rule === bundled.get(id) ? { ...rule, text: { ...rule.text }, templates: { ...rule.templates } } : rule;
      copy.text[lang] = text;
      delete copy.templates[lang];
      result.set(id, copy);
      const origin = origins.get(id)!;
      if (origin.kind === 'bundled') origins.set(id, { kind: 'changed', file: textFile, fields: [`text.${lang}`], files: [textFile] });
      else if (origin.kind === 'changed') origins.set(id, { ...origin, fields: [...new Set([...origin.fields, `text.${lang}`])], files: [...new Set([...origin.files, textFile])] });
      else origins.set(id, { ...origin, files: [...new Set([...origin.files, textFile])] });
    }
  }

  const ids = new Set(result.keys());
  for (const rule of result.values()) {
    const origin = origins.get(rule.id)!;
    if (origin.kind === 'bundled') continue;
    for (const target of rule.overrides ?? []) {
      if (!ids.has(target)) {
        errors.push(new HandoutError('E_RULES', `${rule.source}.overrides: "${target}" is not the id of any rule on the sheet`, {
          path: `${rule.source}.overrides`,
          hint: `Known ids: ${[...ids].join(', ')}.`,
        }));
      }
    }
    compileClinicTexts(rule, origin, errors);
  }
  if (errors.length) throw errors.length === 1 ? errors[0]! : new HandoutErrors(errors);

  // Bundled order, each changed rule in its place; new rules at the end of their section.
  const order = [...base.rules.map((r) => r.id).filter((id) => result.has(id)), ...added.map((r) => r.id)];
  const sectionIndex = (r: LoadedRule) => SECTION_ORDER.indexOf(r.section);
  const rules = order.map((id) => result.get(id)!).sort((a, b) => sectionIndex(a) - sectionIndex(b));
  const label = data.version;
  return {
    rules,
    files: [...base.files, ...clinic.files],
    terms,
    protocol: { version: label ?? hash, ...(label !== undefined && { label }), hash, dir: clinic.dir, origins, dropped },
  };
}

/** A bundled rule with the clinic's fields: each field given replaces the bundled one; `text` is merged per language. */
function changeRule(original: LoadedRule, patch: RulePatch, source: string): LoadedRule {
  const { id: _id, text, ...fields } = patch;
  const templates = { ...original.templates };
  for (const lang of Object.keys(text ?? {})) delete templates[lang];
  return { ...original, ...fields, text: { ...original.text, ...text }, source, templates };
}

function changedFields(patch: RulePatch): string[] {
  return Object.keys(patch).flatMap((k) => (k === 'id' ? [] : k === 'text' ? Object.keys(patch.text ?? {}).map((l) => `text.${l}`) : [k]));
}

/** Compile the texts the clinic gave, and check they use only what the rule provides ({{until}} needs an `until`). */
function compileClinicTexts(rule: LoadedRule, origin: RuleOrigin, errors: HandoutError[]): void {
  for (const [lang, source] of Object.entries(rule.text)) {
    if (rule.templates[lang]) continue; // the bundled text, compiled already
    const where = origin.kind === 'bundled' ? rule.source : `${(origin.files.find((f) => f.includes(`text.${lang}.`)) ?? origin.file)}#${rule.id}.text.${lang}`;
    try {
      const template = compileText(source);
      const unknown = template.reads ? [...template.reads].filter((f) => !TEXT_FIELDS.has(f)) : [];
      const missing = (['from', 'until'] as const).filter((f) => template.reads?.has(f) && !rule[f]);
      if (unknown.length) {
        errors.push(new HandoutError('E_RULES', `${where}: {{${unknown[0]}}} is not something a rule's text can use`, {
          path: where,
          hint: `Use from, until, at.<name>, clinic.phone (and the other clinic.* fields), patient.name, treatment, area or concern.`,
        }));
      } else if (missing.length) {
        errors.push(new HandoutError('E_RULES', `${where}: the text uses {{${missing[0]}}} but the rule has no ${missing[0]}`, {
          path: where,
          hint: `Give the rule a "${missing[0]}" time (e.g. {"hours": 24}), or take {{${missing[0]}}} out of the text.`,
        }));
      }
      rule.templates[lang] = remembered(template);
    } catch (e) {
      errors.push(new HandoutError('E_RULES', `${where}: ${(e as Error).message.split('\n')[0]}`, { path: where, hint: 'Check the {{ }} and ** pairs.' }));
    }
  }
}

/** The bundled list with a clinic's: the same id adds labels and words; a new id is a new choice. */
export function mergeVocabulary(base: Vocabulary, extra: Vocabulary | undefined): Vocabulary {
  if (!extra) return base;
  const merge = (list: Vocabulary['areas'], more: Vocabulary['areas']) => {
    const out = list.map((t) => ({ ...t, label: { ...t.label }, words: { ...t.words } }));
    for (const t of more) {
      const same = out.find((o) => o.id === t.id);
      if (!same) out.push(t);
      else {
        Object.assign(same.label, t.label);
        for (const [lang, words] of Object.entries(t.words)) same.words[lang] = [...(same.words[lang] ?? []), ...words];
      }
    }
    return out;
  };
  return { areas: merge(base.areas, extra.areas), concerns: merge(base.concerns, extra.concerns) };
}
