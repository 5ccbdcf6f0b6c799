import type { ComposedMessage } from './compose-message.js';
import { classifyFailure, type Failure } from './classify-failure.js';
import type { SmtpSettings } from './smtp-settings.js';

/** The result of one try, as the delivery log records it. */
export interface Attempt {
  attempt: number;
  status: 'accepted' | 'failed';
  response: string;
  permanent?: boolean;
}

export interface SendResult {
  status: 'accepted' | 'failed';
  /** The server's final answer, or why it failed. */
  response: string;
  permanent: boolean;
  attempts: number;
}

export interface SmtpSender {
  /** smtp://user:****@host:port */
  via: string;
  /** Why the run stopped sending (login refused, server unreachable), once it has. */
  readonly stopped: string | undefined;
  send(message: ComposedMessage, onAttempt: (a: Attempt) => void): Promise<SendResult>;
  close(): void;
}

export interface SenderOptions {
  /** Waits between tries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One pooled SMTP transport for the whole run. Each message is tried up to `attempts` times while
 * its failures are temporary, waiting retryDelay, then twice that, and so on; a permanent failure
 * ends it at once. nodemailer's own re-queueing is off, so these tries are the only ones and each
 * is logged.
 */
export async function createSmtpSender(settings: SmtpSettings, options: SenderOptions = {}): Promise<SmtpSender> {
  // Loaded here, from node_modules (it is not bundled): `handout generate` without --email never pays for nodemailer.
  const { createTransport } = require('nodemailer') as typeof import('nodemailer');
  const transport = createTransport({
    pool: true,
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.auth && { auth: settings.auth }),
    maxConnections: settings.maxConnections,
    maxRequeues: 0,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  const sleep = options.sleep ?? wait;
  let stopped: string | undefined;

  async function send(message: ComposedMessage, onAttempt: (a: Attempt) => void): Promise<SendResult> {
    let last: Failure = { reason: 'not tried', temporary: true, server: false };
    let attempt = 0;
    while (attempt < settings.attempts) {
      if (stopped) return { status: 'failed', response: `not sent: ${stopped}`, permanent: false, attempts: attempt };
      if (attempt > 0) await sleep(settings.retryDelayMs * 2 ** (attempt - 1));
      attempt++;
      try {
        const info = await transport.sendMail(message);
        // nodemailer resolves when only some recipients were refused: that is a failure here.
        if (info.rejected.length > 0) {
          const refused = info.rejectedErrors?.[0];
          last = classifyFailure({ command: 'RCPT TO', responseCode: 550, ...refused, response: refused?.response ?? `refused ${info.rejected.join(', ')}` }, settings);
        } else {
          const response = String(info.response ?? 'accepted');
          onAttempt({ attempt, status: 'accepted', response });
          return { status: 'accepted', response, permanent: false, attempts: attempt };
        }
      } catch (e) {
        last = classifyFailure(e as object, settings);
      }
      onAttempt({ attempt, status: 'failed', response: last.reason, permanent: !last.temporary });
      if (!last.temporary) break;
    }
    // A refused login, or a server still unreachable after every try: the others would fare the same.
    if (last.server && !stopped) stopped = last.reason;
    return { status: 'failed', response: last.reason, permanent: !last.temporary, attempts: attempt };
  }

  return {
    via: settings.display,
    get stopped() {
      return stopped;
    },
    send,
    close: () => transport.close(),
  };
}
