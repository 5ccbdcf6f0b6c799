import type { Resources } from './resources.js';

export interface Choice {
  /** What rules' `when` conditions name; a form may send it, or the label, as the visit's area or concern. */
  id: string;
  /** In the language asked for (English, else the id, when the list has no label in it). */
  label: string;
}

/**
 * The areas and concerns a form offers (the front-desk page), in `language`: the bundled
 * rules/areas-and-concerns.json plus the clinic's own additions. Free text still works: it is
 * matched through every language's words.
 */
export function areaAndConcernChoices(resources: Resources, language: string): { areas: Choice[]; concerns: Choice[] } {
  const terms = resources.rules.terms!;
  return { areas: terms.choices('area', language), concerns: terms.choices('concern', language) };
}
