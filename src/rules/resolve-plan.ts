import type { LoadedRule, LoadedRules } from '../load/load-rules.js';
import type { Memo } from '../memo.js';
import type { Offset, Section } from '../schema/rule.js';
import { applyOffset, type DatedTime } from './offset.js';
import type { Terms } from '../load/terms.js';
import type { Visit } from '../schema/visit.js';

/** One instruction that applies to this visit, with its real times. */
export interface DatedInstruction {
  id: string;
  section: Section;
  from?: DatedTime;
  until?: DatedTime;
  at: Record<string, DatedTime>;
  rule: LoadedRule;
}

export interface Plan {
  visit: Visit;
  instructions: DatedInstruction[];
  /** The areas and concerns the rules matched with, for printing them in the sheet's language. */
  terms?: Terms;
}

/**
 * Pure: which rules apply to the visit, overrides applied, each with its dates. `offsets`
 * remembers times per treatment slot and offset (Resources' caches).
 */
export function resolvePlan(visit: Visit, { rules, terms }: LoadedRules, offsets: Memo<string, DatedTime>): Plan {
  const applicable = rules.filter((r) => matches(r, visit, terms));
  const overridden = new Set(applicable.flatMap((r) => r.overrides ?? []));
  // Many rules share an offset (+24 h, +7 days), and a day's visits share a few time slots; each
  // luxon step asks Intl for the zone's offset, so the results are remembered per slot.
  const slot = `${visit.treatedAt.zoneName}|${visit.treatedAt.toMillis()}|`;
  const at = (offset: Offset): DatedTime => {
    return offsets.get(slot + JSON.stringify(offset), () => applyOffset(visit.treatedAt, offset));
  };
  const instructions = applicable
    .filter((r) => !overridden.has(r.id))
    .map((rule): DatedInstruction => {
      const named: Record<string, DatedTime> = {};
      for (const [name, offset] of Object.entries(rule.at ?? {})) named[name] = at(offset);
      return {
        id: rule.id,
        section: rule.section,
        ...(rule.from && { from: at(rule.from) }),
        ...(rule.until && { until: at(rule.until) }),
        at: named,
        rule,
      };
    });
  return { visit, instructions, ...(terms && { terms }) };
}

function matches(rule: LoadedRule, visit: Visit, terms: Terms | undefined): boolean {
  const when = rule.when;
  if (!when) return true;
  if (when.treatment && !when.treatment.includes(visit.treatment)) return false;
  // Area and concern ids match through every word rules/areas-and-concerns.json lists for them.
  const has = (kind: 'area' | 'concern', text: string | undefined, words: string[]) =>
    terms ? terms.matches(kind, text, words) : containsAnyWord(text, words);
  if (when.area && !has('area', visit.area, when.area)) return false;
  if (when.concern && !has('concern', visit.concern, when.concern)) return false;
  return true;
}

/** "Under-eye and cheeks" contains the word "eye"; "eyebrow" does not. Case and accents ignored. */
export function containsAnyWord(text: string | undefined, words: readonly string[]): boolean {
  if (!text) return false;
  const hay = ` ${normalize(text)} `;
  return words.some((w) => hay.includes(` ${normalize(w)} `));
}

const normalize = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
