import { createContext } from '../context.js';

/** `handout rules check`: load and validate every rule, template and the clinic config. */
export function rulesCheck(flags: { config?: string }, warn: (m: string) => void): { rules: number; files: string[]; languages: string[] } {
  const { resources } = createContext(flags.config, warn);
  const { rules, files } = resources.rules;
  void resources.clinic;
  const languages = resources.languages;
  for (const code of languages) {
    resources.language(code);
    const missing = rules.filter((r) => !r.templates[code]).map((r) => r.id);
    if (missing.length) warn(`warning: no ${code} text for: ${missing.join(', ')}`);
  }
  return { rules: rules.length, files, languages };
}
