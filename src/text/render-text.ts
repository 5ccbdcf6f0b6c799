import type { DateTime } from 'luxon';
import { HandoutError } from '../errors.js';
import type { LanguagePack } from '../load/load-templates.js';
import type { Clinic } from '../schema/clinic.js';
import { SECTIONS, type Section } from '../schema/rule.js';
import type { DatedInstruction, Plan } from '../rules/resolve-plan.js';
import { DatePhrases } from './date-phrases.js';
import { plain, type ReadingTemplate } from '../load/handlebars.js';
import { clinicTemplateData, urgentIn } from './clinic-words.js';
import type { SectionText, TextCaches } from './text-caches.js';

/** The sheet as text blocks, before any layout. Strings may carry BOLD markers. */
export interface SheetText {
  language: string;
  meta: { title: string; author: string; subject: string; createdAt: Date };
  clinic: { name: string; lines: string[] };
  title: string;
  patient: string[];
  note?: { label: string; text: string };
  /** The clinic's own "call at once" text (config `urgent`), shown set apart; absent without one. */
  urgent?: { label: string; text: string; phone?: string };
  sections: SectionText[];
  footer: string;
}

export interface TextInputs {
  plan: Plan;
  clinic: Clinic;
  lang: LanguagePack;
  /** When the sheet is made (the CLI's clock). */
  preparedAt: DateTime;
  caches: TextCaches;
  /** The protocol's version (the clinic's label or a short hash), printed small in the footer. */
  protocolVersion?: string;
}

/** Pure: plan + language + clinic -> every string on the sheet. */
export function renderText({ plan, clinic, lang, preparedAt, caches, protocolVersion }: TextInputs): SheetText {
  const { visit } = plan;
  const dates = new DatePhrases(lang, visit.treatedAt, caches);
  // setZone asks Intl for the offset; a batch prints the same "prepared" time on every sheet.
  const preparedLocal = caches.zoned.get(`${visit.timeZone}|${preparedAt.toMillis()}`, () => preparedAt.setZone(visit.timeZone));
  const base = templateData(plan, clinic, lang, dates);
  return {
    language: lang.code,
    meta: {
      title: plain(lang.text.documentTitle(base)),
      author: clinic.name,
      subject: plain(lang.text.subject(base)),
      createdAt: preparedAt.toJSDate(),
    },
    clinic: {
      name: clinic.name,
      // Two lines: the phone (with the website) first, then the address.
      lines: [[clinic.phone, clinic.website].filter(Boolean).join('   ·   '), clinic.address].filter((s): s is string => !!s),
    },
    title: lang.text.title(base),
    patient: patientLines(base, lang),
    ...(visit.note && { note: { label: lang.text.noteLabel(base), text: visit.note } }),
    ...urgentBlock(clinic, lang),
    sections: sectionTexts(plan, lang, dates, base, caches),
    footer: [
      oneFinalPeriod(lang.text.prepared({ ...base, prepared: `${dates.dayWithYear(preparedLocal)}, ${dates.time(preparedLocal)}` })),
      ...(protocolVersion ? [lang.text.protocolVersion({ version: protocolVersion })] : []),
    ].join('   ·   '),
  };
}

type TemplateData = ReturnType<typeof templateData>;

/** What every template of the sheet may read: the clinic, the patient and the visit, in the sheet's language. */
function templateData(plan: Plan, clinic: Clinic, lang: LanguagePack, dates: DatePhrases) {
  const { visit } = plan;
  return {
    clinic: clinicTemplateData(clinic, lang.code),
    patient: { name: visit.patient.name },
    treatment: visit.treatment,
    treatmentLabel: lang.treatment[visit.treatment],
    treatedOn: dates.dayWithYear(visit.treatedAt),
    // A time that happens twice (the clocks go back) carries its zone's name, e.g. "1:30 AM (EDT)".
    treatedAt: visit.ambiguousTime ? `${dates.time(visit.treatedAt)} (${visit.treatedAt.setLocale(lang.code).toFormat('ZZZZ')})` : dates.time(visit.treatedAt),
    // An area or concern from rules/areas-and-concerns.json prints in the sheet's language.
    area: visit.area ? (plan.terms?.label('area', visit.area, lang.code) ?? visit.area) : null,
    concern: visit.concern ? (plan.terms?.label('concern', visit.concern, lang.code) ?? visit.concern) : null,
    note: visit.note ?? null,
  };
}

/** "For <name>", the treatment line, and the area and concern when given. */
function patientLines(base: TemplateData, lang: LanguagePack): string[] {
  const lines = [lang.text.forPatient(base), lang.text.treatedLine(base)];
  const details = [base.area !== null ? lang.text.area(base) : null, base.concern !== null ? lang.text.concern(base) : null].filter((s): s is string => s !== null);
  if (details.length) lines.push(details.join('   ·   '));
  return lines;
}

/** Each section of the plan that has instructions, each instruction's text with its dates in words. */
function sectionTexts(plan: Plan, lang: LanguagePack, dates: DatePhrases, base: TemplateData, caches: TextCaches): SheetText['sections'] {
  const sections = SECTIONS.map((id) => ({
    id,
    heading: lang.sections[id],
    items: plan.instructions.filter((i) => i.section === id).map((i) => ({ id: i.id, text: instructionText(i, lang, dates, base, caches) })),
  })).filter((s) => s.items.length > 0);
  // The same sections as an earlier sheet's are that sheet's object, so the layout can reuse what it
  // built for them (src/layout/compose-page.ts). Nothing downstream modifies them.
  const key = `${lang.code}\u0002${sections.map((s) => `${s.id}\u0001${s.heading}\u0001${s.items.map((i) => `${i.id}\u0001${i.text}`).join('\u0001')}`).join('\u0002')}`;
  return caches.sections.get(key, () => sections);
}

/** What a rule's text may read and still be the same for every visit with the same dates: the dates in words and the clinic (one per Resources). */
const SAME_FOR_THE_DATES = new Set(['from', 'until', 'at', 'clinic']);
/** Whether a rule's text reads anything else (`reads`: the fields its source names; null: it may read anything). */
const readsPerVisit = ({ reads }: ReadingTemplate) => !reads || [...reads].some((f) => !SAME_FOR_THE_DATES.has(f));

function instructionText(i: DatedInstruction, lang: LanguagePack, dates: DatePhrases, base: TemplateData, caches: TextCaches): string {
  const template = i.rule.templates[lang.code];
  if (!template) {
    throw new HandoutError('E_RULES', `${i.rule.source}: has no text in language "${lang.code}"`, {
      path: i.rule.source,
      hint: `Add "${lang.code}" to its text, or a rules/text.${lang.code}.json entry for "${i.id}".`,
    });
  }
  const from = i.from ? dates.phrase(i.from) : null;
  const until = i.until ? dates.phrase(i.until) : null;
  const at = Object.entries(i.at).map(([k, v]) => [k, dates.phrase(v)] as const);
  // A text that reads only its dates and the clinic is the same for every patient with those dates
  // (a day's batch: all of them): made once. One that names the patient, the visit or the note is made each time.
  const key = readsPerVisit(template) ? undefined : `${i.rule.source}\u0001${i.id}\u0001${lang.code}\u0001${from}\u0001${until}\u0001${at.join('\u0001')}`;
  const known = key === undefined ? undefined : caches.instructions.peek(key);
  if (known !== undefined) return known;
  const data = { ...base, from, until, at: Object.fromEntries(at) };
  try {
    const text = oneFinalPeriod(template(data));
    if (key !== undefined) caches.instructions.set(key, text);
    return text;
  } catch (e) {
    throw new HandoutError('E_RULES', `${i.rule.source}: text.${lang.code}: ${(e as Error).message.split('\n')[0]}`, {
      path: i.rule.source,
      hint: 'Use only from, until, at.<name>, clinic.*, patient.name, treatment, area, concern.',
    });
  }
}

function urgentBlock(clinic: Clinic, lang: LanguagePack): Pick<SheetText, 'urgent'> {
  const urgent = urgentIn(clinic, lang.code);
  if (!urgent) return {};
  return { urgent: { label: lang.text.urgent({}), text: urgent.text, ...(urgent.phone && { phone: lang.text.urgentPhone({ phone: urgent.phone }) }) } };
}

/**
 * A time that ends in an abbreviation ("9:30 a. m.", "9:30 a.m.") at the end of a sentence would
 * print two periods; as in print, the abbreviation's period ends the sentence. A bold marker may sit
 * between the two. An ellipsis ("...") is left alone.
 */
export function oneFinalPeriod(text: string): string {
  return text.replace(/(?<!\.)\.(\uE000?)\.(?!\.)/g, '.$1');
}
