import { HandoutError } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { ClinicSmtp } from '../schema/clinic.js';

/** Everything needed to talk to the SMTP server, with the password kept out of `display`. */
export interface SmtpSettings {
  /** The URL with the password replaced by ****: safe for output, logs and errors. */
  display: string;
  host: string;
  port: number;
  /** smtps: TLS from the start; smtp: STARTTLS when the server offers it. */
  secure: boolean;
  auth?: { user: string; pass: string };
  maxConnections: number;
  /** Connecting, the greeting, the login, each command's answer. */
  timeoutMs: number;
  /** The answer to the message's final dot (see send-smtp.ts). */
  finalTimeoutMs: number;
  attempts: number;
  retryDelayMs: number;
  /** Never send over a connection that is not TLS: STARTTLS must succeed (smtps is TLS already). */
  requireTLS: boolean;
}

/** `smtp://user:secret@host` -> `smtp://user:****@host` (see src/redact.ts). */
export const redactUrl = (text: string): string => redactSecrets(text);

/**
 * SMTP settings from `$HANDOUT_SMTP_URL` (first) or the clinic config's `smtp.url`; undefined
 * when neither is set (then messages go to the outbox).
 */
export function smtpSettings(config: ClinicSmtp | undefined, env: NodeJS.ProcessEnv, configSource: string): SmtpSettings | undefined {
  const fromEnv = env.HANDOUT_SMTP_URL?.trim();
  const raw = fromEnv || config?.url;
  if (!raw) return undefined;
  const where = fromEnv ? 'HANDOUT_SMTP_URL' : `${configSource}: smtp.url`;
  const display = redactUrl(raw);
  const bad = (why: string) =>
    new HandoutError('E_CONFIG', `${where}: ${display} ${why}`, {
      path: where,
      hint: 'Use smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465; percent-encode special characters in the password.',
    });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('is not a URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw bad('must start with smtp:// or smtps://');
  if (!url.hostname) throw bad('has no host name');
  const secure = url.protocol === 'smtps:';
  let auth: SmtpSettings['auth'];
  try {
    if (url.username) auth = { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) };
  } catch {
    throw bad('has a user name or password that is not properly percent-encoded');
  }
  const c = config ?? ClinicSmtp.parse({}); // the schema's defaults
  return {
    display: `${url.protocol}//${url.username ? `${url.username}${url.password ? ':****' : ''}@` : ''}${url.host}`,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(auth && { auth }),
    maxConnections: c.maxConnections,
    timeoutMs: Math.round(c.timeoutSeconds * 1000),
    finalTimeoutMs: Math.round(Math.max(c.dataTimeoutSeconds, c.timeoutSeconds) * 1000),
    attempts: c.attempts,
    retryDelayMs: Math.round(c.retryDelaySeconds * 1000),
    requireTLS: c.requireTLS,
  };
}
