import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkEmailTemplates } from '../../email/check-email-templates.js';
import { checkTemplates } from '../check-templates.js';
import { smtpSettings } from '../../email/smtp-settings.js';
import { createContext } from '../context.js';

/** `handout rules check`: load and validate every rule, template (sheet and email) and the clinic config. */
export function rulesCheck(flags: { config?: string }, warn: (m: string) => void): { rules: number; files: string[]; languages: string[] } {
  const { resources, now } = createContext(flags.config, warn);
  const { rules, files } = resources.rules;
  const { clinic, source } = resources.clinic;
  // The SMTP URL too (HANDOUT_SMTP_URL first): a wrong one is found here, not at the first email.
  smtpSettings(clinic.smtp, process.env, source);
  const { templatesDir } = resources;
  const languages = resources.languages;
  for (const code of languages) {
    resources.language(code);
    const missing = rules.filter((r) => !r.templates[code]).map((r) => r.id);
    if (missing.length) warn(`warning: no ${code} text for: ${missing.join(', ')}`);
    resources.emailTemplates(code);
    if (!existsSync(join(templatesDir, code, 'email.json'))) warn(`warning: no ${code} email (templates/${code}/email.json): those patients get the ${clinic.language} one`);
  }
  // Compiling is not enough: a misspelt variable only fails when rendered.
  checkTemplates(resources, now);
  checkEmailTemplates(resources);
  return { rules: rules.length, files, languages };
}
