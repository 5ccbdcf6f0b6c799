import * as z from 'zod';
import { TREATMENTS } from './visit.js';

/**
 * Where an instruction goes on the sheet, in this order. "Today and tonight" comes first, right
 * under the patient's name: it is what a patient looks for at home that evening ("what do I do
 * tonight?"); "what is normal" follows as reassurance, then the days ahead in time order.
 */
export const SECTIONS = ['today', 'expect', 'first-days', 'week', 'later', 'questions'] as const;
export const Section = z.enum(SECTIONS);
export type Section = z.infer<typeof Section>;

/**
 * A time after the treatment. Hours are elapsed time (right across a daylight-saving change);
 * days, weeks and months are calendar steps in the clinic's zone (same wall-clock time).
 */
export const Offset = z.union([
  z.object({ hours: z.number().int().min(0).max(24 * 400) }).strict(),
  z.object({ days: z.number().int().min(0).max(800) }).strict(),
  z.object({ weeks: z.number().int().min(0).max(120) }).strict(),
  z.object({ months: z.number().int().min(0).max(36) }).strict(),
]);
export type Offset = z.infer<typeof Offset>;

/** A time of the rule itself: `from`, `until` or `at.<name>`. */
const TimeName = z.string().regex(/^(from|until|at\.[a-zA-Z]+)$/, { error: 'must be from, until or at.<name>' });
export type TimeName = z.infer<typeof TimeName>;

/**
 * This instruction's moment in the patient's calendar (.ics, and the key dates of the email): an
 * event at one of the rule's times, or an all-day span from one time's day to another's.
 */
export const CalendarEntry = z.union([z.object({ at: TimeName }).strict(), z.object({ allDay: z.tuple([TimeName, TimeName]) }).strict()]);
export type CalendarEntry = z.infer<typeof CalendarEntry>;

const words = z.array(z.string().trim().min(1).toLowerCase()).min(1);

/** A rule's fields, unrefined (a clinic's protocol patches them: src/schema/protocol.ts). */
export const RuleFields = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes' }),
    section: Section,
    /** Only for visits that match every listed condition; a list means "any of these". */
    when: z
      .object({
        treatment: z.array(z.enum(TREATMENTS)).min(1).optional(),
        /** Matched as words in the visit's free-text area, e.g. "eye" matches "Under-eye". */
        area: words.optional(),
        concern: words.optional(),
      })
      .strict()
      .optional(),
    from: Offset.optional(),
    until: Offset.optional(),
    /** More named times the text may use as {{at.name}}. */
    at: z.record(z.string().regex(/^[a-zA-Z]+$/), Offset).optional(),
    /** Ids of rules this one replaces when both apply. */
    overrides: z.array(z.string()).optional(),
    /** Handlebars text per language code; other languages may come from rules/text.<lang>.json. */
    text: z.record(z.string().min(2), z.string().min(1)),
    /** Put this instruction's time in the calendar; its words are in templates/<lang>/calendar.json. */
    calendar: CalendarEntry.optional(),
  })
  .strict();

/** The times a rule's `calendar` names that the rule does not have (a clinic's change may remove one). */
export function missingCalendarTimes(rule: Pick<z.infer<typeof RuleFields>, 'calendar' | 'from' | 'until' | 'at'>): string[] {
  const names = rule.calendar ? ('at' in rule.calendar ? [rule.calendar.at] : rule.calendar.allDay) : [];
  return names.filter((name) => !(name === 'from' ? rule.from : name === 'until' ? rule.until : rule.at?.[name.slice(3)]));
}

export const Rule = RuleFields.superRefine((rule, ctx) => {
  for (const name of missingCalendarTimes(rule)) ctx.addIssue({ code: 'custom', path: ['calendar'], message: `names the time "${name}", which this rule does not have` });
});
export type Rule = z.infer<typeof Rule>;

export const RuleFile = z.object({ $comment: z.string().optional(), rules: z.array(Rule) }).strict();
export type RuleFile = z.infer<typeof RuleFile>;

/** rules/text.<lang>.json: rule id -> text in that language. */
export const RuleTextFile = z.record(z.string(), z.string().min(1));
