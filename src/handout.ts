import type { DateTime } from 'luxon';
import { loadClinic, type LoadedClinic } from './load/load-clinic.js';
import { listLanguages, loadLanguage, type LanguagePack } from './load/load-templates.js';
import { loadRules, type LoadedRules } from './load/load-rules.js';
import { layoutSheet } from './layout/layout-sheet.js';
import type { Layout } from './layout/types.js';
import { FONTS_DIR, RULES_DIR, TEMPLATES_DIR } from './paths.js';
import { FontSet } from './pdf/fonts.js';
import { assertPdfaAllowed } from './pdf/pdfa.js';
import { renderPdf } from './pdf/render-pdf.js';
import { resolvePlan, type Plan } from './rules/resolve-plan.js';
import { toVisit, type FieldNamer, type Visit } from './rules/to-visit.js';
import type { Paper } from './schema/clinic.js';
import { renderText, type SheetText } from './text/render-text.js';
import { handoutFileName } from './deliver/file-name.js';

export interface ResourcePaths {
  config: string;
  rulesDir?: string;
  templatesDir?: string;
  fontsDir?: string;
}

/**
 * Everything read from disk, loaded once per process (per worker) and reused for every handout.
 * Each part is loaded on first use, so `handout plan` never opens the fonts.
 */
export class Resources {
  private _clinic?: LoadedClinic;
  private _rules?: LoadedRules;
  private _fonts?: FontSet;
  private readonly _languages = new Map<string, LanguagePack>();
  private _languageList?: string[];
  /** The body size the last sheet of each paper and language got: the next one's first guess. */
  readonly lastBodySize = new Map<string, number>();

  /** `preloaded`: parts already loaded from the same (default) folders, e.g. by a batch worker before it knew its clinic. */
  constructor(
    readonly paths: ResourcePaths,
    preloaded: { fonts?: FontSet; rules?: LoadedRules } = {},
  ) {
    if (preloaded.fonts) this._fonts = preloaded.fonts;
    if (preloaded.rules) this._rules = preloaded.rules;
  }

  get clinic(): LoadedClinic {
    return (this._clinic ??= loadClinic(this.paths.config));
  }
  get rules(): LoadedRules {
    return (this._rules ??= loadRules(this.paths.rulesDir ?? RULES_DIR));
  }
  get fonts(): FontSet {
    return (this._fonts ??= new FontSet(this.paths.fontsDir ?? FONTS_DIR));
  }
  get languages(): string[] {
    return (this._languageList ??= listLanguages(this.paths.templatesDir ?? TEMPLATES_DIR));
  }
  language(code: string): LanguagePack {
    let pack = this._languages.get(code);
    if (!pack) {
      pack = loadLanguage(this.paths.templatesDir ?? TEMPLATES_DIR, code);
      this._languages.set(code, pack);
    }
    return pack;
  }
}

export interface MakeOptions {
  /** The clock, read once by the caller: "now" for visits without a date, and "prepared at". */
  now: DateTime;
  paper?: Paper;
  /** Names of fields as the user typed them, for error messages. */
  fieldName?: FieldNamer;
  /** Make an archival PDF/A-2b copy (refused, naming the reason, if the clinic's set-up conflicts). */
  pdfa?: boolean;
}

export interface Handout {
  visit: Visit;
  plan: Plan;
  text: SheetText;
  layout: Layout;
  pdf: Buffer;
  fileName: string;
}

/** Raw visit fields -> validated visit (throws HandoutErrors naming every bad field). */
export function validateVisit(resources: Resources, raw: unknown, options: MakeOptions): Visit {
  const { clinic } = resources.clinic;
  return toVisit(
    raw,
    { defaultZone: clinic.timeZone, defaultLanguage: clinic.language, languages: resources.languages, now: options.now },
    options.fieldName,
  );
}

/** The pure part of the pipeline: visit -> plan -> text. */
export function planHandout(resources: Resources, visit: Visit, now: DateTime): { plan: Plan; text: SheetText } {
  const plan = resolvePlan(visit, resources.rules);
  const text = renderText({ plan, clinic: resources.clinic.clinic, lang: resources.language(visit.language), preparedAt: now });
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
  const hint = resources.lastBodySize.get(hintKey);
  const layout = layoutSheet(text, fonts, { paper, logo, ...(hint !== undefined && { hint }) });
  resources.lastBodySize.set(hintKey, layout.bodySize);
  const pdf = await renderPdf(layout, text, fonts, { logo: logo?.bytes ?? null, pdfa: options.pdfa ?? false });
  return { visit, plan, text, layout, pdf, fileName: handoutFileName(visit) };
}

function allStrings(text: SheetText): string[] {
  return [
    text.title,
    text.footer,
    text.clinic.name,
    ...text.clinic.lines,
    ...text.patient,
    ...(text.note ? [text.note.label] : []),
    ...text.sections.flatMap((s) => [s.heading, ...s.items.map((i) => i.text)]),
  ];
}
