import { logoPixelsNeeded } from './layout/logo-box.js';
import { newLayoutCaches, type LayoutCaches } from './layout/wrap.js';
import { loadClinic, type LoadedClinic } from './load/load-clinic.js';
import { loadCalendarTemplates, type CalendarTemplates } from './load/load-calendar-templates.js';
import { chooseEmailTemplates, loadEmailTemplates, type EmailTemplates } from './load/load-email-templates.js';
import { clinicRules } from './load/clinic-rules.js';
import { loadRules, type LoadedRules } from './load/load-rules.js';
import { listLanguages, loadLanguage, type LanguagePack } from './load/load-templates.js';
import { Memo } from './memo.js';
import { FONTS_DIR, RULES_DIR, TEMPLATES_DIR } from './paths.js';
import { FontSet } from './pdf/fonts.js';
import { newPdfCaches, type PdfCaches } from './pdf/pdf-caches.js';
import { checkPdfkitVersion } from './pdf/pdfkit/index.js';
import type { DatedTime } from './rules/offset.js';
import { newVisitCaches, type VisitCaches } from './rules/to-visit.js';
import { newTextCaches, type TextCaches } from './text/text-caches.js';

export interface ResourcePaths {
  config: string;
  rulesDir?: string;
  templatesDir?: string;
  fontsDir?: string;
}

/**
 * Everything a process remembers between handouts, in one place: each stage gets its part as an
 * argument, so the stages stay functions of their arguments. Every memo is bounded (src/memo.ts):
 * a server that runs for days keeps flat memory (`npm run bench` shows peak RSS after 50,000
 * distinct sheets).
 */
export interface Caches {
  visit: VisitCaches;
  /** Rule times per treatment slot and offset. */
  plan: Memo<string, DatedTime>;
  text: TextCaches;
  layout: LayoutCaches;
  pdf: PdfCaches;
  /** The body size the last sheet of each paper and language got: the next one's first guess. */
  lastBodySize: Memo<string, number>;
  /** The calendar's VTIMEZONE per zone, and whether its offset agrees with Node's per `zone|instant` (src/calendar/write-ics.ts). */
  calendar: { vtimezones: Memo<string, string | null>; offsetsAgree: Memo<string, boolean> };
}

const newCaches = (): Caches => ({
  visit: newVisitCaches(),
  plan: new Memo<string, DatedTime>(10_000),
  text: newTextCaches(),
  layout: newLayoutCaches(),
  pdf: newPdfCaches(),
  lastBodySize: new Memo<string, number>(64),
  calendar: { vtimezones: new Memo<string, string | null>(1_000), offsetsAgree: new Memo<string, boolean>(10_000) },
});

/**
 * Everything read from disk, loaded once per process (per worker) and reused for every handout,
 * and the caches. Each part is loaded on first use, so `handout plan` never opens the fonts.
 */
export class Resources {
  private _clinic?: LoadedClinic;
  private _baseRules?: LoadedRules;
  private _rules?: LoadedRules;
  private _fonts?: FontSet;
  private readonly _languages = new Map<string, LanguagePack>();
  private readonly _emailTemplates = new Map<string, EmailTemplates | undefined>();
  private readonly _calendarTemplates = new Map<string, CalendarTemplates>();
  private _languageList?: string[];
  readonly caches: Caches = newCaches();

  /** `preloaded`: parts already loaded from the same (default) folders, e.g. by a batch worker before it knew its clinic (`rules`: the bundled ones). */
  constructor(
    readonly paths: ResourcePaths,
    preloaded: { fonts?: FontSet; rules?: LoadedRules } = {},
    /** `oneSheet`: this process makes a single sheet (`generate`): see FitOptions. */
    private readonly use: { oneSheet?: boolean } = {},
  ) {
    if (preloaded.fonts) this._fonts = preloaded.fonts;
    if (preloaded.rules) this._baseRules = preloaded.rules;
  }

  /** The clinic config and its logo, scaled down here, once, if it has more pixels than the sheet prints. */
  get clinic(): LoadedClinic {
    return (this._clinic ??= loadClinic(this.paths.config, logoPixelsNeeded, { oneSheet: this.use.oneSheet ?? false }));
  }
  /** The bundled rules alone (every clinic's starting point). */
  get baseRules(): LoadedRules {
    return (this._baseRules ??= loadRules(this.paths.rulesDir ?? RULES_DIR));
  }
  /** The rules this clinic's sheets use: the bundled ones with the clinic's protocol folder applied. */
  get rules(): LoadedRules {
    return (this._rules ??= clinicRules(this.baseRules, this.clinic, this.paths));
  }
  /** The sheet's fonts; loading them is loading the renderer, so the installed PDFKit is checked first. */
  get fonts(): FontSet {
    return (this._fonts ??= loadFonts(this.paths.fontsDir ?? FONTS_DIR));
  }
  get languages(): string[] {
    return (this._languageList ??= listLanguages(this.templatesDir));
  }
  language(code: string): LanguagePack {
    let pack = this._languages.get(code);
    if (!pack) {
      pack = loadLanguage(this.templatesDir, code);
      this._languages.set(code, pack);
    }
    return pack;
  }
  /** The email templates for a patient's language, else the clinic's (compiled once per language). */
  emailTemplates(language: string): EmailTemplates {
    const load = (code: string) => {
      if (!this._emailTemplates.has(code)) this._emailTemplates.set(code, loadEmailTemplates(this.templatesDir, code));
      return this._emailTemplates.get(code);
    };
    return chooseEmailTemplates(load, this.templatesDir, language, this.clinic.clinic.language);
  }
  /** The calendar's words in a language (compiled once per language, checked against the rules). */
  calendarTemplates(language: string): CalendarTemplates {
    let t = this._calendarTemplates.get(language);
    if (!t) this._calendarTemplates.set(language, (t = loadCalendarTemplates(this.templatesDir, language, this.rules)));
    return t;
  }
  get templatesDir(): string {
    return this.paths.templatesDir ?? TEMPLATES_DIR;
  }
}

function loadFonts(dir: string): FontSet {
  checkPdfkitVersion();
  return new FontSet(dir);
}
