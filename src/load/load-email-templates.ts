import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import * as z from 'zod';
import { HandoutError, HandoutErrors } from '../errors.js';
import { readDataFile } from './read-data-file.js';
import { issuesToErrors } from '../schema/zod-errors.js';
import { compileText, plain, type TextTemplate } from './handlebars.js';

/** templates/<lang>/email.json: the message around the attached sheet. */
export const EmailStrings = z
  .object({
    $comment: z.string().optional(),
    subject: z.string().min(1),
    /** The subject of a corrected sheet sent after another one; default "Updated: " + subject. */
    updatedSubject: z.string().min(1).optional(),
    text: z.string().min(1),
    html: z.string().min(1),
  })
  .strict();
export type EmailStrings = z.infer<typeof EmailStrings>;

export interface EmailTemplates {
  /** The language the templates are in (the patient's, or the fallback). */
  language: string;
  subject: TextTemplate;
  updatedSubject: TextTemplate;
  text: TextTemplate;
  html: TextTemplate;
}

// The sheet's Handlebars never escapes (PDF text is not HTML). The HTML body needs the opposite:
// a patient's name like <b>O'Brien</b> must show as typed, not become markup. So the html
// template gets its own instance with Handlebars' default escaping; still strict. Made when an
// email is first composed (a sheet alone never needs Handlebars' compiler).
let htmlHandlebars: typeof Handlebars | undefined;

/**
 * The email templates of a language (`load(code)` gives a language's, or undefined when it has
 * none); the fallback language's when the patient's language has none. Throws E_TEMPLATE when
 * neither exists or a template is broken. Resources compiles each language once per process.
 */
export function chooseEmailTemplates(load: (code: string) => EmailTemplates | undefined, dir: string, language: string, fallback = 'en'): EmailTemplates {
  const found = load(language) ?? load(fallback);
  if (!found) {
    const path = join(dir, fallback, 'email.json');
    throw new HandoutError('E_TEMPLATE', `${path} does not exist`, { path, hint: 'Add the email templates (subject, text, html) for the clinic language.' });
  }
  return found;
}

/** A language's email templates, compiled; undefined when templates/<code>/email.json does not exist. */
export function loadEmailTemplates(dir: string, language: string): EmailTemplates | undefined {
  const path = join(dir, language, 'email.json');
  return existsSync(path) ? compileAll(path, language) : undefined;
}

function compileAll(path: string, language: string): EmailTemplates {
  const raw = readDataFile(path, 'E_TEMPLATE');
  const parsed = EmailStrings.safeParse(raw);
  if (!parsed.success) throw new HandoutErrors(issuesToErrors('E_TEMPLATE', parsed.error.issues, raw, (p) => `${path}: ${p.join('.')}`));
  const s = parsed.data;
  const guard = (field: keyof EmailStrings, make: () => TextTemplate): TextTemplate => {
    const fail = (e: unknown) =>
      new HandoutError('E_TEMPLATE', `${path}: ${field}: ${(e as Error).message.split('\n')[0]}`, {
        path: `${path}: ${field}`,
        hint: 'Use only patient.name, treatedOn, keyDates (each: when, what), locked, password.pattern, password.dayFirst, update and clinic.* (name, phone, address, provider, website).',
      });
    let t: TextTemplate;
    try {
      t = make();
    } catch (e) {
      throw fail(e);
    }
    return (data) => {
      try {
        return t(data);
      } catch (e) {
        throw fail(e);
      }
    };
  };
  const text = (source: string) => {
    const t = compileText(source);
    return (data: object) => plain(t(data));
  };
  return {
    language,
    subject: guard('subject', () => text(s.subject)),
    updatedSubject: guard('updatedSubject', () => text(s.updatedSubject ?? `Updated: ${s.subject}`)),
    text: guard('text', () => text(s.text)),
    html: guard('html', () => (htmlHandlebars ??= Handlebars.create()).compile(s.html, { strict: true })),
  };
}
