import { DateTime } from 'luxon';
import { visitEvents } from '../calendar/visit-calendar.js';
import { HandoutError, HandoutErrors, isHandoutError } from '../errors.js';
import type { Resources } from '../resources.js';
import { resolvePlan } from '../rules/resolve-plan.js';
import type { Visit } from '../schema/visit.js';
import { renderText } from '../text/render-text.js';

/**
 * Render every rule's text and every sheet string of every language against sample visits, so a
 * misspelt variable or a missing partial is found by `rules check`, not by the first patient of
 * that language. Every rule is rendered (its `when` ignored), for a visit with every optional field
 * and one with none; the calendar's words (templates/<lang>/calendar.json) too. Throws the E_RULES / E_TEMPLATE errors found, all at once.
 */
export function checkTemplates(resources: Resources, now: DateTime): void {
  const { rules, files } = resources.rules;
  const everyRule = { files, rules: rules.map((r) => ({ ...r, when: undefined, overrides: undefined })) };
  const { clinic } = resources.clinic;
  const errors = new Map<string, HandoutError>();
  for (const language of resources.languages) {
    for (const visit of sampleVisits(clinic.timeZone, language)) {
      try {
        const plan = resolvePlan(visit, everyRule, resources.caches.plan);
        renderText({ plan, clinic, lang: resources.language(language), preparedAt: now, caches: resources.caches.text });
        visitEvents(resources, visit, plan); // the calendar's words for every rule that has a `calendar`
      } catch (e) {
        if (!isHandoutError(e)) throw e;
        for (const x of e instanceof HandoutErrors ? e.errors : [e]) errors.set(x.message, x);
      }
    }
  }
  if (errors.size) throw errors.size === 1 ? [...errors.values()][0]! : new HandoutErrors([...errors.values()]);
}

function sampleVisits(timeZone: string, language: string): Visit[] {
  const treatedAt = DateTime.fromObject({ year: 2026, month: 11, day: 23, hour: 14, minute: 30 }, { zone: timeZone }) as DateTime<true>;
  const base = { patient: { name: 'Sample Patient' }, treatedAt, timeZone, language };
  return [
    { ...base, treatment: 'aggressive', area: 'Cheeks and under-eye', concern: 'Acne scarring', note: 'A sample note from the provider.' },
    { ...base, treatment: 'standard' },
  ];
}
