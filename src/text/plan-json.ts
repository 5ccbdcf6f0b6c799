import type { DateTime } from 'luxon';
import type { Plan } from '../rules/resolve-plan.js';
import { plain } from '../load/handlebars.js';
import type { SheetText } from './render-text.js';

export interface PlanJson {
  patient: { name: string };
  treatment: string;
  treatedAt: string;
  timeZone: string;
  /** Said when the treatment's local time happens twice (the clocks go back): which one was taken. */
  ambiguousTime?: string;
  language: string;
  instructions: { id: string; section: string; text: string; from?: string; until?: string }[];
}

const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true }) ?? '';

/** The resolved plan as `handout plan` prints it: what goes on the sheet, with exact times. */
export function planToJson(plan: Plan, text: SheetText): PlanJson {
  const texts = new Map(text.sections.flatMap((s) => s.items.map((i) => [i.id, plain(i.text)] as const)));
  const { visit } = plan;
  return {
    patient: { name: visit.patient.name },
    treatment: visit.treatment,
    treatedAt: iso(visit.treatedAt),
    timeZone: visit.timeZone,
    ...(visit.ambiguousTime && {
      ambiguousTime: `${visit.treatedAt.toFormat('HH:mm')} happens twice in ${visit.timeZone} on ${visit.treatedAt.toISODate()} (the clocks go back): the first, earlier one was taken (${visit.treatedAt.toFormat('ZZ')}).`,
    }),
    language: visit.language,
    instructions: plan.instructions.map((i) => ({
      id: i.id,
      section: i.section,
      text: texts.get(i.id) ?? '',
      ...(i.from && { from: iso(i.from.at) }),
      ...(i.until && { until: iso(i.until.at) }),
    })),
  };
}
