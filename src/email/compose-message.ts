import { basename } from 'node:path';
import { DateTime } from 'luxon';
import { HandoutError } from '../errors.js';
import type { Resources } from '../resources.js';
import { providerIn } from '../text/clinic-words.js';
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
  attachments: { filename: string; content: Buffer; contentType: 'application/pdf' }[];
}

/**
 * Row + PDF bytes -> the message: subject and bodies from templates/<lang>/email.json (the
 * patient's language when it has one), the PDF attached under a clean name. Every value that
 * goes into a header is checked for line breaks and control characters first.
 */
export function composeMessage(
  resources: Resources,
  row: EmailRow,
  pdf: Buffer,
  from: Mailbox,
  replyTo: string | undefined,
  messageId: string,
  { update = false }: { update?: boolean } = {},
): ComposedMessage {
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
    treatmentLabel: (lang.treatment as Record<string, string>)[row.treatment] ?? row.treatment,
    /** This sheet replaces one sent before (a corrected date, treatment, ...). */
    update,
    clinic: {
      name: clinic.name,
      phone: clinic.phone,
      address: clinic.address ?? null,
      provider: providerIn(clinic, templates.language),
      website: clinic.website ?? null,
    },
  };
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
    attachments: [{ filename: attachmentName(row.file), content: pdf, contentType: 'application/pdf' }],
  };
}

/** The sheet's own file name (`<date>_<name>_<treatment>.pdf`), reduced to safe characters. */
export function attachmentName(file: string): string {
  const name = basename(file).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return /\.pdf$/i.test(name) ? name : `${name || 'aftercare'}.pdf`;
}
