import { HandoutError } from '../errors.js';
import type { Clinic } from '../schema/clinic.js';
import type { LoadedRules } from './load-rules.js';

/**
 * Render every rule's text in every language with stand-in values, so a misspelt variable
 * ({{at.erliest}}, {{clinic.fax}}) is found by `handout rules check`, not on a patient's sheet.
 * Each problem names the file the text came from, the rule id and the field.
 */
export function checkRuleTexts(rules: LoadedRules, clinic: Clinic, languages: readonly string[]): HandoutError[] {
  const errors: HandoutError[] = [];
  const clinicData = { name: clinic.name, phone: clinic.phone, address: null, provider: null, website: null };
  for (const rule of rules.rules) {
    for (const lang of languages) {
      const template = rule.templates[lang];
      if (!template) continue;
      const data = {
        clinic: clinicData,
        patient: { name: 'Test Patient' },
        treatment: 'standard',
        treatmentLabel: 'Microneedling',
        treatedOn: 'Monday',
        treatedAt: '2:30 PM',
        area: null,
        concern: null,
        note: null,
        from: rule.from ? 'FROM' : null,
        until: rule.until ? 'UNTIL' : null,
        at: Object.fromEntries(Object.keys(rule.at ?? {}).map((k) => [k, 'AT'])),
      };
      try {
        template(data);
      } catch (e) {
        const where = textSource(rules, rule.id, rule.source, lang);
        errors.push(new HandoutError('E_RULES', `${where}: ${(e as Error).message.split('\n')[0]}`, {
          path: where,
          hint: 'A text may use from, until, at.<name> (the names in its "at"), clinic.name, clinic.phone, clinic.address, clinic.provider, clinic.website, patient.name, treatment, area and concern.',
        }));
      }
    }
  }
  return errors;
}

/** "<file>#<id>.text.<lang>": the clinic's text file when it gave this language's text there. */
function textSource(rules: LoadedRules, id: string, source: string, lang: string): string {
  const origin = rules.protocol?.origins.get(id);
  const fromTextFile = origin && origin.kind !== 'bundled' ? origin.files.find((f) => new RegExp(`text\\.${lang}\\.(json|ya?ml)$`).test(f)) : undefined;
  return fromTextFile ? `${fromTextFile}#${id}` : `${source.split('#')[0]}#${id}.text.${lang}`;
}
