import type { SmtpSettings } from './smtp-settings.js';
import { redactUrl } from './smtp-settings.js';

/** The parts of a nodemailer error (or of a send result) that decide what happens next. */
export interface SmtpProblem {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  originalCode?: string;
  timeoutType?: string;
  command?: string;
}

export interface Failure {
  /** For the report and the log: the server's answer or what went wrong, never a password. */
  reason: string;
  /** Worth trying again: the connection failed, a 4xx answer, a timeout. */
  temporary: boolean;
  /**
   * The server itself is the problem (login refused, unreachable): once this failure is final, the
   * remaining messages are not tried in this run.
   */
  server: boolean;
}

const CONNECTION = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'EPROXY']);

/**
 * Temporary or permanent? 5xx answers (but 503) and refused recipients are permanent; 4xx answers,
 * lost connections and timeouts are temporary. A refused login or a TLS failure is permanent and
 * ends the run: every other message would meet the same answer.
 */
export function classifyFailure(e: SmtpProblem, settings: Pick<SmtpSettings, 'timeoutMs'> & Partial<Pick<SmtpSettings, 'requireTLS'>>): Failure {
  const answer = (e.response ?? e.message ?? 'no answer').replace(/\s+/g, ' ').trim();
  const reason = (text: string) => redactUrl(text);
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'EOAUTH2') {
    const why = e.code === 'ENOAUTH' ? 'the server wants a login: put the user and password in the SMTP URL' : `the server refused the login: ${answer}`;
    return { reason: reason(why), temporary: false, server: true };
  }
  if (e.code === 'ETLS' && e.command === 'STARTTLS') {
    const why = `the connection could not be upgraded to TLS (STARTTLS: ${answer})${settings.requireTLS ? ', and smtp.requireTLS is on: nothing was sent over the unencrypted connection' : ''}`;
    return { reason: reason(why), temporary: false, server: true };
  }
  if (e.code === 'ETLS' || e.code === 'EREQUIRETLS' || e.code === 'ECONFIG') return { reason: reason(`${e.code}: ${answer}`), temporary: false, server: true };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) {
    const temporary = e.responseCode < 500 || e.responseCode === 503;
    const what = e.command === 'RCPT TO' ? 'the server refused the recipient: ' : '';
    return { reason: reason(what + answer), temporary, server: e.responseCode === 421 };
  }
  if (e.code === 'ETIMEDOUT') {
    const connecting = e.timeoutType === 'CONNECT_TIMEOUT' ? ' (could not connect)' : '';
    return { reason: `timed out: no answer from the server within ${settings.timeoutMs / 1000}s${connecting}`, temporary: true, server: true };
  }
  if (e.code && CONNECTION.has(e.code)) {
    const detail = e.originalCode ?? (e.code === 'ECONNECTION' ? 'the server closed the connection' : answer);
    return { reason: reason(`connection failed: ${detail}`), temporary: true, server: true };
  }
  return { reason: reason(`${e.code ? `${e.code}: ` : ''}${answer}`), temporary: true, server: false };
}
