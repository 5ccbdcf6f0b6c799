import Handlebars from 'handlebars';
import { fieldsRead, TEXT_OPTIONS, textsCompiledBy } from './handlebars.js';
import { loadCalendarTemplates } from './load-calendar-templates.js';
import { loadEmailTemplates } from './load-email-templates.js';
import { loadRules } from './load-rules.js';
import { listLanguages, loadLanguage } from './load-templates.js';

/**
 * Every text the bundled rules and templates compile when they load: each rule's text in each
 * language, and each language's sheet, email and calendar words. A part that does not load is
 * left out (it fails at run time, as it would without the build).
 */
export function bundledTexts(rulesDir: string, templatesDir: string): string[] {
  return textsCompiledBy(() => {
    const attempt = (load: () => unknown) => {
      try {
        load();
      } catch {
        // reported when the command loads it
      }
    };
    let rules: ReturnType<typeof loadRules> | undefined;
    attempt(() => (rules = loadRules(rulesDir)));
    for (const lang of listLanguages(templatesDir)) {
      attempt(() => loadLanguage(templatesDir, lang));
      attempt(() => loadEmailTemplates(templatesDir, lang));
      if (rules) attempt(() => loadCalendarTemplates(templatesDir, lang, rules!));
    }
  });
}

/**
 * The source of the module that stands in the bundle for src/load/precompiled-templates.ts: each
 * text with the fields it reads and Handlebars' precompiled template (JavaScript, so it is in V8's
 * code cache with the rest of the bundle). A text Handlebars cannot parse is left to fail at run time.
 */
export function precompiledModule(texts: readonly string[]): string {
  const hb = Handlebars.create();
  const entries: string[] = [];
  for (const text of texts) {
    let entry: string;
    try {
      entry = `[${JSON.stringify(text)}, { reads: ${JSON.stringify(fieldsRead(hb.parse(text)))}, spec: ${hb.precompile(text, TEXT_OPTIONS)} }]`;
    } catch {
      continue;
    }
    entries.push(entry);
  }
  return `// Made by \`npm run build\` (src/load/precompile-texts.ts) from the bundled templates/ and rules/.\nexport const PRECOMPILED = new Map([\n${entries.join(',\n')}\n]);\n`;
}
