import { DateTime } from 'luxon';
import { HandoutError } from '../errors.js';
import type { Resources } from '../resources.js';
import { ICS_TYPE } from '../calendar/visit-calendar.js';
import type { Visit } from '../schema/visit.js';
import { clinicTemplateData } from '../text/clinic-words.js';
import { DatePhrases } from '../text/date-phrases.js';
import { assertEmailAddress, assertHeaderSafe } from './header-safety.js';

/** What delivering one sheet needs to know about its row (a BatchRowReport that has a file). */
export interface EmailRow {
  line?: number;
  id?: string;
  name: string;
  email: string;
  language: string;
  treatment: string;
  /** ISO with the visit's offset. */
  treatedAt: string;
  /** Absolute path of the PDF to attach. */
  file: string;
  /** What the sheet says (src/rules/plan-key.ts): a changed plan is sent again, as an update. */
  plan?: string;
  /** The validated visit: for the calendar, the key dates and a locked copy (see sheet-parts.ts). */
  visit?: Visit;
}

/** What one email carries besides its words (made by sheet-parts.ts). */
export interface SheetParts {
  /** The PDF attached: the sheet's own file, or its locked copy. */
  pdf: Buffer;
  /** Whether that PDF is locked with the patient's date of birth. */
  locked: boolean;
  /** How to type the password (MMDDYYYY or DDMMYYYY), when locked: the pattern, never the value. */
  passwordPattern?: string;
  /** The recovery's calendar (.ics), when the row carries its visit. */
  ics?: string;
  /** The calendar's moments in words, for the email's text. */
  keyDates: { when: string; what: string }[];
}

export interface Mailbox {
  name: string;
  address: string;
}

/** A message ready for nodemailer (SMTP) or MailComposer (outbox). */
export interface ComposedMessage {
  from: Mailbox;
  replyTo?: string;
  to: Mailbox;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  attachments: { filename: string; content: Buffer | string; contentType: string }[];
}

/**
 * Row + PDF bytes (or the sheet's parts: PDF, calendar, key dates, lock) -> the message: subject
 * and bodies from templates/<lang>/email.json (the patient's language when it has one), the PDF
 * and the calendar attached under neutral names. Every value that goes into a header is checked
 * for line breaks and control characters first. The templates get no clinical detail (no
 * treatment, area, concern or note): only the name, the treatment's date, the key dates, how to
 * open a locked PDF, and the clinic.
 */
export function composeMessage(
  resources: Resources,
  row: EmailRow,
  sheet: Buffer | SheetParts,
  from: Mailbox,
  replyTo: string | undefined,
  messageId: string,
  { update = false }: { update?: boolean } = {},
): ComposedMessage {
  const parts: SheetParts = Buffer.isBuffer(sheet) ? { pdf: sheet, locked: false, keyDates: [] } : sheet;
  const where = row.line !== undefined ? `line ${row.line}: ` : '';
  assertEmailAddress(`${where}email`, row.email);
  assertHeaderSafe(`${where}name`, row.name);
  assertHeaderSafe('the clinic name (email.name or name in the config)', from.name);

  const { clinic } = resources.clinic;
  const templates = resources.emailTemplates(row.language);
  const lang = resources.language(templates.language);
  const treatedAt = DateTime.fromISO(row.treatedAt, { setZone: true });
  if (!treatedAt.isValid) throw new HandoutError('E_EMAIL', `${where}treatedAt: "${row.treatedAt}" is not an ISO date and time`, { path: `${where}treatedAt` });
  const data = {
    patient: { name: row.name },
    treatedOn: new DatePhrases(lang, treatedAt, resources.caches.text).dayWithYear(treatedAt),
    /** This sheet replaces one sent before (a corrected date, treatment, ...). */
    update,
    keyDates: parts.keyDates,
    locked: parts.locked,
    password: { pattern: parts.passwordPattern ?? null, dayFirst: parts.passwordPattern === 'DDMMYYYY' },
    clinic: clinicTemplateData(clinic, templates.language),
  };
  // Named by the date only: a file name shows without opening the PDF, so no name or treatment in it.
  const base = `aftercare_${treatedAt.toISODate()}`;
  const subject = (update ? templates.updatedSubject(data) : templates.subject(data)).trim();
  assertHeaderSafe('subject', subject);
  return {
    from,
    ...(replyTo !== undefined && { replyTo }),
    to: { name: row.name, address: row.email },
    subject,
    text: templates.text(data),
    html: templates.html(data),
    messageId,
    attachments: [
      { filename: `${base}.pdf`, content: parts.pdf, contentType: 'application/pdf' },
      ...(parts.ics !== undefined ? [{ filename: `${base}.ics`, content: parts.ics, contentType: ICS_TYPE }] : []),
    ],
  };
}
