import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HandoutErrors } from '../../errors.js';
import { checkRuleTexts } from '../../load/check-rule-texts.js';
import { ROOT } from '../../paths.js';
import { checkEmailTemplates } from '../../email/check-email-templates.js';
import { smtpSettings } from '../../email/smtp-settings.js';
import { checkTemplates } from '../check-templates.js';
import { createContext } from '../context.js';
import { PLACEHOLDERS } from '../init-files.js';

export interface RuleSource {
  id: string;
  section: string;
  /** bundled, changed (by the clinic's protocol), added (by it) or dropped (by it). */
  origin: 'bundled' | 'changed' | 'added' | 'dropped';
  file: string;
  /** For changed rules: the fields the clinic gave. */
  fields?: string[];
}

export interface RulesCheckResult {
  rules: number;
  files: string[];
  languages: string[];
  protocol: { version: string; label?: string; hash: string; dir?: string };
  sources: RuleSource[];
}

/**
 * `handout rules check`: load and validate every rule, template (sheet and email), the clinic
 * config and its protocol folder (and each language's calendar words); render every rule's text once; say where each rule comes from.
 */
export function rulesCheck(flags: { config?: string }, warn: (m: string) => void): RulesCheckResult {
  const { resources, now } = createContext(flags.config, warn);
  const { clinic, source, logo } = resources.clinic;
  if (logo && logo.sheetBytes !== logo.bytes) {
    // Scaling is once per process, but a one-sheet `generate` pays it every time (seconds, for a large JPEG).
    const { width, height } = logo.sheetSize;
    warn(`warning: the logo ${logo.path} is ${logo.width} x ${logo.height} pixels; a sheet prints at most ${width} x ${height} of them (300 dpi), so handout scales it down each time it starts: a copy of that size starts faster`);
  }
  // The SMTP URL too (HANDOUT_SMTP_URL first): a wrong one is found here, not at the first email.
  smtpSettings(clinic.smtp, process.env, source);
  const { templatesDir } = resources;
  const loaded = resources.rules;
  const { rules, files } = loaded;
  const languages = resources.languages;
  for (const code of languages) {
    resources.language(code);
    const missing = rules.filter((r) => !r.templates[code]).map((r) => r.id);
    if (missing.length) warn(`warning: no ${code} text for: ${missing.join(', ')}`);
    resources.emailTemplates(code);
    resources.calendarTemplates(code); // every calendar rule has its words in this language
    if (!existsSync(join(templatesDir, code, 'email.json'))) warn(`warning: no ${code} email (templates/${code}/email.json): those patients get the ${clinic.language} one`);
  }
  const textErrors = checkRuleTexts(loaded, clinic, languages);
  if (textErrors.length) throw textErrors.length === 1 ? textErrors[0]! : new HandoutErrors(textErrors);
  // The sheet strings and email templates too, rendered for sample visits (a misspelt variable only fails when rendered).
  checkTemplates(resources, now);
  checkEmailTemplates(resources);

  const protocol = loaded.protocol!;
  const sources: RuleSource[] = rules.map((r) => {
    const origin = protocol.origins.get(r.id)!;
    return { id: r.id, section: r.section, origin: origin.kind, file: origin.file, ...(origin.kind === 'changed' && { fields: origin.fields }) };
  });
  for (const d of protocol.dropped) sources.push({ id: d.id, section: resources.baseRules.rules.find((r) => r.id === d.id)!.section, origin: 'dropped', file: d.file });

  // A clinic that rewrote a rule in one language still shows the bundled words in the others.
  for (const s of sources.filter((x) => x.origin === 'changed')) {
    const changedLangs = (s.fields ?? []).filter((f) => f.startsWith('text.')).map((f) => f.slice(5));
    const stale = changedLangs.length ? languages.filter((l) => !changedLangs.includes(l)) : [];
    if (stale.length) warn(`warning: ${s.id}: the clinic changed its ${changedLangs.join(', ')} text but not ${stale.join(', ')}: those sheets still show the bundled wording`);
  }
  // A clinic's condition word that is no area or concern id is matched as a plain word: say so (a typo never matches).
  const terms = loaded.terms;
  for (const r of rules.filter((x) => protocol.origins.get(x.id)?.kind !== 'bundled')) {
    for (const kind of ['area', 'concern'] as const) {
      const plainWords = (r.when?.[kind] ?? []).filter((w) => !terms?.has(kind, w));
      if (plainWords.length) warn(`warning: ${r.source}.when.${kind}: ${plainWords.map((w) => `"${w}"`).join(', ')} ${plainWords.length > 1 ? 'are' : 'is'} not a ${kind} id of rules/areas-and-concerns.json, so only those exact words match (ids: ${terms?.list(kind).map((t) => t.id).join(', ')})`);
    }
  }
  for (const [field, value] of [['urgent.text', clinic.urgent?.text], ['providerTitle', clinic.providerTitle]] as const) {
    if (value && typeof value === 'object') {
      const missing = languages.filter((l) => !(l in value));
      if (missing.length) warn(`warning: ${resources.clinic.source}: ${field} has no ${missing.join(', ')} text${field === 'urgent.text' ? ` (those sheets show the ${clinic.language} one)` : ' (those sheets show the name alone)'}`);
    }
  }
  // Values `handout init` wrote are placeholders: they would print on patients' sheets as they are.
  const left = Object.entries({ name: clinic.name, phone: clinic.phone, address: clinic.address, provider: clinic.provider, website: clinic.website, 'urgent.phone': clinic.urgent?.phone })
    .filter(([, v]) => v !== undefined && (Object.values(PLACEHOLDERS) as string[]).includes(v))
    .map(([k]) => k);
  const urgentTexts = clinic.urgent ? (typeof clinic.urgent.text === 'string' ? [clinic.urgent.text] : Object.values(clinic.urgent.text)) : [];
  if (urgentTexts.some((t) => t === PLACEHOLDERS.urgentEn || t === PLACEHOLDERS.urgentEs)) left.push('urgent.text');
  if (left.length) warn(`warning: ${resources.clinic.source}: still the placeholder from handout init: ${left.join(', ')} (it prints on every sheet as it is)`);
  return {
    rules: rules.length,
    files,
    languages,
    protocol: { version: protocol.version, ...(protocol.label !== undefined && { label: protocol.label }), hash: protocol.hash, ...(protocol.dir && { dir: protocol.dir }) },
    sources,
  };
}

/** The report a person reads: the summary, then one line per rule saying where it comes from. */
export function formatRulesCheck(r: RulesCheckResult): string {
  const show = (file: string) => (file.startsWith(ROOT) ? relative(ROOT, file) : file);
  const width = Math.max(...r.sources.map((s) => s.id.length));
  const lines = r.sources.map((s) => {
    const what = s.origin === 'bundled' ? 'bundled' : s.origin === 'changed' ? `changed (${s.fields!.join(', ')})` : s.origin;
    return `  ${s.id.padEnd(width)}  ${s.section.padEnd(10)}  ${what.padEnd(8)}  ${show(s.file)}`;
  });
  const version = r.protocol.label ? `${r.protocol.label} (files ${r.protocol.hash})` : r.protocol.hash;
  return [
    `ok: ${r.rules} rules in ${r.files.length} file(s); languages: ${r.languages.join(', ')}; protocol version ${version}${r.protocol.dir ? ` from ${r.protocol.dir}` : ' (bundled)'}`,
    'where each rule comes from:',
    ...lines,
  ].join('\n');
}
