import * as z from 'zod';
import { isEmailAddress } from './email-address.js';
import { isValidZone } from './zone.js';

export const PAPERS = ['letter', 'a4'] as const;
export const Paper = z.enum(PAPERS, { error: `must be one of: ${PAPERS.join(', ')}` });
export type Paper = z.infer<typeof Paper>;

/** The fields a batch file's columns can give (`handout batch`); `columns` maps a booking system's headers to these. */
export const COLUMN_FIELDS = ['name', 'first_name', 'last_name', 'treatment', 'service', 'status', 'date', 'time', 'email', 'timezone', 'area', 'concern', 'note', 'language', 'id', 'dob'] as const;
export type ColumnField = (typeof COLUMN_FIELDS)[number];

/**
 * Statuses passed over unless the config says otherwise, matched as part of the status with case,
 * spaces and hyphens ignored: "cancel" is Cancelled, Canceled, Cancel and Late Cancel; "no show" is No-Show.
 */
export const DEFAULT_SKIP_STATUSES = ['cancel', 'no show', 'deleted'] as const;
export const DATE_ORDERS = ['MDY', 'DMY'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

/** What a booking system's service becomes: a treatment, or `skip` (not an aftercare visit: the row is passed over). */
export const SERVICE_CHOICES = ['standard', 'aggressive', 'skip'] as const;
export type ServiceChoice = (typeof SERVICE_CHOICES)[number];
/** What a row with a given status becomes: a sheet is made, or the row is passed over. */
export const STATUS_CHOICES = ['made', 'skip'] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

const line = (max: number) => z.string().trim().min(1, { error: 'cannot be empty' }).max(max);

// Values that end up in a mail header: a line break would let them add headers of their own.
const headerSafe = (max: number) =>
  line(max).refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), { error: 'must not contain line breaks or other control characters' });
const address = headerSafe(254).refine(isEmailAddress, {
  error: 'is not an email address (use one address like care@clinic.example)',
});

/** Who the emails come from: the clinic. The display name defaults to the clinic's name. */
export const ClinicEmail = z
  .object({
    from: address,
    name: headerSafe(80).optional(),
    replyTo: address.optional(),
    /** "dob": the emailed PDF is locked (AES-256) with the patient's date of birth as eight digits in the clinic's dateOrder. */
    protect: z.enum(['dob'], { error: 'must be "dob" (or leave it out for an unlocked PDF)' }).optional(),
  })
  .strict();
export type ClinicEmail = z.infer<typeof ClinicEmail>;

/**
 * How to reach the SMTP server. `url` is `smtp://user:pass@host:587` (STARTTLS when offered) or
 * `smtps://...:465`; `$HANDOUT_SMTP_URL` wins over it, so the password can stay out of this file.
 * Without a URL, messages go to the outbox folder instead.
 */
export const ClinicSmtp = z
  .object({
    url: z.string().trim().min(1).optional(),
    /** Connections the pool keeps open at once. */
    maxConnections: z.number().int().min(1).max(20).default(3),
    /** Connecting, the greeting, and each answer: longer than this is a (temporary) failure. */
    timeoutSeconds: z.number().positive().max(600).default(30),
    /** The answer to the end of a message (RFC 5321 4.5.3.2.6: 10 minutes): the server may be checking it. */
    dataTimeoutSeconds: z.number().positive().max(3600).default(600),
    /** Tries per message for temporary failures (connection lost, 4xx, timeout). */
    attempts: z.number().int().min(1).max(10).default(3),
    /** Wait before the 2nd try; doubled for each later one. */
    retryDelaySeconds: z.number().min(0).max(60).default(0.5),
    /** Refuse to send unless the connection is upgraded to TLS (STARTTLS), or is TLS from the start (smtps). */
    requireTLS: z.boolean().default(false),
  })
  .strict();
export type ClinicSmtp = z.infer<typeof ClinicSmtp>;

/** A language code as templates/ names its folders: "en", "es", "pt-br". */
const languageCode = z.string().regex(/^[a-z]{2,3}(-[a-z0-9]+)?$/, { error: 'must be a language code like en or es' });

/** One string for every language, or one per language code: {"en": "...", "es": "..."}. */
const perLanguage = (max: number) => z.union([line(max), z.record(languageCode, line(max))], { error: `must be a string, or an object of strings per language code (at most ${max} characters each)` });
export type PerLanguage = string | Record<string, string>;

/**
 * When to call at once, in the clinic's own words, and an after-hours number: shown set apart on
 * the sheet. The product itself has no such text (it gives no medical advice of its own).
 */
export const ClinicUrgent = z
  .object({
    text: perLanguage(160),
    phone: line(40).optional(),
  })
  .strict();
export type ClinicUrgent = z.infer<typeof ClinicUrgent>;

/** The clinic's own settings: who is speaking on the sheet, and where the clinic is. */
export const Clinic = z
  .object({
    $comment: z.string().optional(),
    name: line(80),
    phone: line(40),
    address: line(120).optional(),
    provider: line(80).optional(),
    /** The provider's title per language ("Nurse", "la enfermera"), printed before the name. */
    providerTitle: perLanguage(40).optional(),
    website: line(80).optional(),
    timeZone: z.string().refine(isValidZone, { error: 'is not a known IANA time zone (e.g. America/New_York)' }),
    paper: Paper.default('letter'),
    /** PNG or JPEG, relative to the config file. */
    logo: z.string().min(1).optional(),
    /** Language used when a visit does not say. */
    language: z.string().min(2).default('en'),
    /** Booking-system header -> our field, for `handout batch`: {"Client First Name": "first_name"}. */
    columns: z.record(z.string().min(1), z.enum(COLUMN_FIELDS, { error: `must be one of: ${COLUMN_FIELDS.join(', ')}` })).optional(),
    /**
     * Text a booking system's service name contains (case ignored) -> treatment, or "skip" (not an
     * aftercare visit), in order: the first entry that matches wins; a service that matches none is
     * skipped too (the front-desk page asks about it).
     */
    services: z.record(z.string().trim().min(1, { error: 'cannot be empty' }), z.enum(SERVICE_CHOICES, { error: `must be one of: ${SERVICE_CHOICES.join(', ')}` })).optional(),
    /** A status as the booking system writes it (case, spaces and hyphens ignored, the whole status) -> "made" or "skip"; wins over skipStatuses. */
    statuses: z.record(z.string().trim().min(1, { error: 'cannot be empty' }), z.enum(STATUS_CHOICES, { error: `must be one of: ${STATUS_CHOICES.join(', ')}` })).optional(),
    /** Statuses whose rows are passed over (cancelled, no-show...); replaces the default list. */
    skipStatuses: z.array(z.string().trim().min(1, { error: 'cannot be empty' })).optional(),
    /** Order of numeric dates like 03/04/2026 in exports: month first (MDY, the default) or day first (DMY). Dates of birth are read, and typed as passwords, in this order too. */
    dateOrder: z.enum(DATE_ORDERS, { error: `must be one of: ${DATE_ORDERS.join(', ')}` }).default('MDY'),
    /** Sender of the handout emails (see README, "Email"). */
    email: ClinicEmail.optional(),
    smtp: ClinicSmtp.optional(),
    /** The clinic's own protocol folder (protocol.json, text.<lang>.json), relative to the config file. */
    protocol: z.string().trim().min(1).optional(),
    urgent: ClinicUrgent.optional(),
    /** `handout serve`: the staff passcode as a hash (`handout serve --hash-passcode`), instead of $HANDOUT_PASSCODE. */
    server: z
      .object({ passcodeHash: z.string().regex(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/, { error: 'is not a hash made by `handout serve --hash-passcode`' }) })
      .strict()
      .optional(),
  })
  .strict();
export type Clinic = z.infer<typeof Clinic>;

/** A per-language value in `language`: its own, else the clinic's default language's (a string is every language's). */
export function inLanguage(value: PerLanguage | undefined, language: string, fallback?: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[language] ?? (fallback !== undefined ? value[fallback] : undefined);
}
