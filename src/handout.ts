import type { DateTime } from 'luxon';
import { layoutSheet } from './layout/layout-sheet.js';
import type { Layout } from './layout/types.js';
import { assertPdfaAllowed } from './pdf/pdfa.js';
import { renderPdf } from './pdf/render-pdf.js';
import { resolvePlan, type Plan } from './rules/resolve-plan.js';
import { toVisit } from './rules/to-visit.js';
import type { FieldNamer, Visit } from './schema/visit.js';
import type { Paper } from './schema/clinic.js';
import { renderText, type SheetText } from './text/render-text.js';
import type { Resources } from './resources.js';

export interface MakeOptions {
  /** The clock, read once by the caller: "now" for visits without a date, and "prepared at". */
  now: DateTime;
  paper?: Paper;
  /** Names of fields as the user typed them, for error messages. */
  fieldName?: FieldNamer;
  /** Make an archival PDF/A-2b copy (refused, naming the reason, if the clinic's set-up conflicts). */
  pdfa?: boolean;
  /** Lock the PDF with this password (AES-256); never with `pdfa` (PDF/A forbids encryption). */
  password?: string;
}

export interface Handout {
  visit: Visit;
  plan: Plan;
  text: SheetText;
  layout: Layout;
  pdf: Buffer;
}

/** Raw visit fields -> validated visit (throws HandoutErrors naming every bad field). */
export function validateVisit(resources: Resources, raw: unknown, options: MakeOptions): Visit {
  const { clinic } = resources.clinic;
  return toVisit(
    raw,
    { defaultZone: clinic.timeZone, defaultLanguage: clinic.language, languages: resources.languages, now: options.now, caches: resources.caches.visit, dateOrder: clinic.dateOrder },
    options.fieldName,
  );
}

/** The pure part of the pipeline: visit -> plan -> text. */
export function planHandout(resources: Resources, visit: Visit, now: DateTime): { plan: Plan; text: SheetText } {
  const rules = resources.rules;
  const plan = resolvePlan(visit, rules, resources.caches.plan);
  const text = renderText({
    plan,
    clinic: resources.clinic.clinic,
    lang: resources.language(visit.language),
    preparedAt: now,
    caches: resources.caches.text,
    ...(rules.protocol && { protocolVersion: rules.protocol.version }),
  });
  return { plan, text };
}

/** The whole pipeline for one visit, up to the PDF bytes (nothing is written). */
export async function makeHandout(resources: Resources, visit: Visit, options: MakeOptions): Promise<Handout> {
  const { plan, text } = planHandout(resources, visit, options.now);
  const fonts = resources.fonts;
  const field = options.fieldName ?? ((f: string) => f);
  fonts.assertCanDraw(visit.patient.name, field('name'));
  for (const key of ['area', 'concern', 'note'] as const) {
    const value = visit[key];
    if (value) fonts.assertCanDraw(value, field(key));
  }
  for (const s of allStrings(text)) fonts.assertCanDraw(s, 'the sheet text');
  const { logo } = resources.clinic;
  if (options.pdfa) assertPdfaAllowed({ logo }, field('pdfa'));
  const paper = options.paper ?? resources.clinic.clinic.paper;
  const hintKey = `${paper}/${visit.language}`;
  const { caches } = resources;
  const hint = caches.lastBodySize.peek(hintKey);
  const layout = layoutSheet(text, fonts, { paper, logo, caches: caches.layout, ...(hint !== undefined && { hint }) });
  caches.lastBodySize.set(hintKey, layout.bodySize);
  const pdf = await renderPdf(layout, text, fonts, caches.pdf, { logo: logo?.sheetBytes ?? null, pdfa: options.pdfa ?? false, ...(options.password !== undefined && { password: options.password }) });
  return { visit, plan, text, layout, pdf };
}

function allStrings(text: SheetText): string[] {
  return [
    text.title,
    text.footer,
    text.clinic.name,
    ...text.clinic.lines,
    ...text.patient,
    ...(text.note ? [text.note.label] : []),
    ...(text.urgent ? [text.urgent.label, text.urgent.text, text.urgent.phone ?? ''] : []),
    ...text.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)]),
  ];
}
