import type { ComposedMessage } from './compose-message.js';
import { classifyFailure, type Failure } from './classify-failure.js';
import { SmtpConnections } from './smtp-connections.js';
import type { SmtpSettings } from './smtp-settings.js';
import { tryOnce, type TryOutcome } from './smtp-transfer.js';

/** One step of a message, as the delivery log records it. */
export interface Attempt {
  attempt: number;
  /** `sending` comes before the message goes out; then its outcome. */
  status: 'sending' | 'accepted' | 'failed' | 'unknown';
  response: string;
  permanent?: boolean;
}

export interface SendResult {
  /** unknown: the whole message went out but its answer never came (timeout, connection lost). */
  status: 'accepted' | 'failed' | 'unknown';
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
  /**
   * Try the message up to `attempts` times. `onAttempt` is called with `sending` before each try
   * and with its outcome after; if it throws (the log cannot be written), nothing more is sent and
   * the error goes to the caller.
   */
  send(message: ComposedMessage, onAttempt: (a: Attempt) => void): Promise<SendResult>;
  close(): void;
}

export interface SenderOptions {
  /** Waits between tries; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * SMTP over a few reused connections (smtp-connections.ts). Each message is tried up to
 * `attempts` times while its failures are temporary, waiting retryDelay, then twice that, and so
 * on; a permanent failure ends it at once.
 *
 * Timeouts (RFC 5321 4.5.3.2): connecting, the greeting, the login and each command's answer get
 * `timeoutSeconds`; the answer to the message's final dot gets its own, long `dataTimeoutSeconds`
 * (the RFC says 10 minutes), because the server may be checking the message, and giving up then
 * is what sends a patient two copies (smtp-transfer.ts). A try that ends after the whole message
 * went out without an answer (that timeout, or the connection lost) is "unknown": it is not tried
 * again in this run; the next run sends it again with the same Message-ID, so mail programs show it once.
 */
export async function createSmtpSender(settings: SmtpSettings, options: SenderOptions = {}): Promise<SmtpSender> {
  // Loaded here, from node_modules (it is not bundled): `handout generate` without --email never pays for nodemailer.
  const MailComposer = require('nodemailer/lib/mail-composer') as typeof import('nodemailer/lib/mail-composer').default;
  return new PooledSender(settings, new SmtpConnections(settings), (message) => new MailComposer(message).compile().build(), options.sleep ?? wait);
}

class PooledSender implements SmtpSender {
  readonly via: string;
  private stoppedBy: string | undefined;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly connections: SmtpConnections,
    private readonly compose: (message: ComposedMessage) => Promise<Buffer>,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.via = settings.display;
  }

  get stopped(): string | undefined {
    return this.stoppedBy;
  }

  async send(message: ComposedMessage, onAttempt: (a: Attempt) => void): Promise<SendResult> {
    const { settings } = this;
    const raw = await this.compose(message);
    const envelope = { from: message.from.address, to: [message.to.address] };
    let last: Failure = { reason: 'not tried', temporary: true, server: false };
    let attempt = 0;
    while (attempt < settings.attempts) {
      if (this.stoppedBy) return { status: 'failed', response: `not sent: ${this.stoppedBy}`, permanent: false, attempts: attempt };
      if (attempt > 0) await this.sleep(settings.retryDelayMs * 2 ** (attempt - 1));
      attempt++;
      onAttempt({ attempt, status: 'sending', response: '' }); // before the message goes: a log that cannot be written stops here
      const outcome = await tryOnce(this.connections, settings, raw, envelope);
      if (outcome.ok) {
        onAttempt({ attempt, status: 'accepted', response: outcome.response });
        return { status: 'accepted', response: outcome.response, permanent: false, attempts: attempt };
      }
      last = classifyFailure(outcome.error ?? {}, settings);
      const unknown = unknownOutcome(outcome, settings);
      if (unknown) {
        onAttempt({ attempt, status: 'unknown', response: unknown });
        return { status: 'unknown', response: unknown, permanent: false, attempts: attempt };
      }
      onAttempt({ attempt, status: 'failed', response: last.reason, permanent: !last.temporary });
      if (!last.temporary) break;
    }
    // A refused login, or a server still unreachable after every try: the others would fare the same.
    if (last.server && !this.stoppedBy) this.stoppedBy = last.reason;
    return { status: 'failed', response: last.reason, permanent: !last.temporary, attempts: attempt };
  }

  close(): void {
    this.connections.close();
  }
}

/** The whole message went out and no answer came (none in time, or the connection lost): what the log says then; undefined for any other failure. */
function unknownOutcome(outcome: TryOutcome, settings: SmtpSettings): string | undefined {
  if (outcome.phase !== 'final' || typeof outcome.error?.responseCode === 'number') return undefined;
  const why = outcome.error?.code === 'ETIMEDOUT' ? `no answer within ${settings.finalTimeoutMs / 1000}s after the whole message was sent` : 'the connection was lost after the whole message was sent';
  return `outcome unknown: ${why}; the next run sends it again with the same Message-ID`;
}
