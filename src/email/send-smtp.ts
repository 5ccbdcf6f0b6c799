import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { ComposedMessage } from './compose-message.js';
import { classifyFailure, type Failure, type SmtpProblem } from './classify-failure.js';
import type { SmtpSettings } from './smtp-settings.js';

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

/** Where a message was when a try ended: what its failure means. */
type Phase = 'connect' | 'envelope' | 'data' | 'final';

interface TryOutcome {
  ok: boolean;
  response: string;
  phase: Phase;
  error?: SmtpProblem;
}

/**
 * SMTP over a few reused connections (nodemailer's SMTPConnection, one message at a time each).
 * Each message is tried up to `attempts` times while its failures are temporary, waiting
 * retryDelay, then twice that, and so on; a permanent failure ends it at once.
 *
 * Timeouts (RFC 5321 4.5.3.2): connecting, the greeting, the login and each command's answer get
 * `timeoutSeconds`; the answer to the message's final dot gets its own, long `dataTimeoutSeconds`
 * (the RFC says 10 minutes), because the server may be checking the message, and giving up then
 * is what sends a patient two copies. A try that ends after the whole message went out without an
 * answer (that timeout, or the connection lost) is "unknown": it is not tried again in this run;
 * the next run sends it again with the same Message-ID, so mail programs show it once.
 */
export async function createSmtpSender(settings: SmtpSettings, options: SenderOptions = {}): Promise<SmtpSender> {
  // Loaded here, from node_modules (it is not bundled): `handout generate` without --email never pays for nodemailer.
  const Connection = require('nodemailer/lib/smtp-connection') as typeof import('nodemailer/lib/smtp-connection').default;
  const MailComposer = require('nodemailer/lib/mail-composer') as typeof import('nodemailer/lib/mail-composer').default;
  const sleep = options.sleep ?? wait;
  const idle: SMTPConnection[] = [];
  const open = new Set<SMTPConnection>();
  let stopped: string | undefined;

  /** A connection, logged in: an idle one, or a new one. */
  async function connection(): Promise<SMTPConnection> {
    const reused = idle.pop();
    if (reused) return reused;
    const conn = new Connection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      // STARTTLS must succeed before anything (the login included) is sent; else the try fails with ETLS.
      ...(settings.requireTLS && !settings.secure && { requireTLS: true }),
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      // nodemailer's own inactivity limit only backs up the timers below.
      socketTimeout: settings.finalTimeoutMs + settings.timeoutMs,
      logger: false,
    });
    open.add(conn);
    const forget = () => {
      open.delete(conn);
      const i = idle.indexOf(conn);
      if (i >= 0) idle.splice(i, 1);
    };
    conn.on('error', forget); // a failure in a command also reaches that command's callback
    conn.on('end', forget);
    try {
      await withTimer(conn, settings.timeoutMs, (done) => {
        conn.once('error', done);
        conn.connect((err?: Error) => done(err ?? null));
      });
      if (settings.auth) await withTimer(conn, settings.timeoutMs, (done) => conn.login(settings.auth!, (err) => done(err ?? null)));
    } catch (e) {
      forget();
      conn.close();
      throw e;
    }
    return conn;
  }

  /** One try of one message on one connection. */
  async function tryOnce(raw: Buffer, envelope: { from: string; to: string[] }): Promise<TryOutcome> {
    let conn: SMTPConnection;
    try {
      conn = await connection();
    } catch (e) {
      return { ok: false, response: '', phase: 'connect', error: e as SmtpProblem };
    }
    return new Promise<TryOutcome>((resolve) => {
      let phase: Phase = 'envelope';
      let settled = false;
      let timer: NodeJS.Timeout;
      const finish = (outcome: TryOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (outcome.ok) idle.push(conn);
        else {
          open.delete(conn);
          conn.close();
        }
        resolve(outcome);
      };
      const expire = () => {
        const waited = phase === 'final' ? settings.finalTimeoutMs : settings.timeoutMs;
        finish({ ok: false, response: '', phase, error: { code: 'ETIMEDOUT', timeoutType: phase === 'final' ? 'FINAL_DOT' : 'COMMAND', message: `no answer within ${waited / 1000}s` } });
      };
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(expire, ms);
      };
      arm(settings.timeoutMs);
      let given = false;
      // Read by nodemailer once the server has said yes to DATA; its end is the final dot.
      const body = new Readable({
        read() {
          if (given) return;
          given = true;
          phase = 'data';
          arm(settings.timeoutMs);
          this.push(raw);
          this.push(null);
        },
      });
      body.on('end', () => {
        phase = 'final';
        arm(settings.finalTimeoutMs);
      });
      // A fresh envelope each try: nodemailer writes its errors onto the object it is given.
      conn.send({ from: envelope.from, to: [...envelope.to] }, body, (err, info) => {
        if (err) return finish({ ok: false, response: '', phase, error: err as SmtpProblem });
        if (info.rejected.length > 0) {
          const refused = info.rejectedErrors?.[0] as SmtpProblem | undefined;
          return finish({ ok: false, response: '', phase: 'envelope', error: { command: 'RCPT TO', responseCode: 550, ...refused, response: refused?.response ?? `refused ${info.rejected.join(', ')}` } });
        }
        finish({ ok: true, response: String(info.response ?? 'accepted'), phase });
      });
    });
  }

  async function send(message: ComposedMessage, onAttempt: (a: Attempt) => void): Promise<SendResult> {
    const raw = await new MailComposer(message).compile().build();
    const envelope = { from: message.from.address, to: [message.to.address] };
    let last: Failure = { reason: 'not tried', temporary: true, server: false };
    let attempt = 0;
    while (attempt < settings.attempts) {
      if (stopped) return { status: 'failed', response: `not sent: ${stopped}`, permanent: false, attempts: attempt };
      if (attempt > 0) await sleep(settings.retryDelayMs * 2 ** (attempt - 1));
      attempt++;
      onAttempt({ attempt, status: 'sending', response: '' }); // before the message goes: a log that cannot be written stops here
      const outcome = await tryOnce(raw, envelope);
      if (outcome.ok) {
        onAttempt({ attempt, status: 'accepted', response: outcome.response });
        return { status: 'accepted', response: outcome.response, permanent: false, attempts: attempt };
      }
      last = classifyFailure(outcome.error ?? {}, settings);
      if (outcome.phase === 'final' && typeof outcome.error?.responseCode !== 'number') {
        const why = outcome.error?.code === 'ETIMEDOUT' ? `no answer within ${settings.finalTimeoutMs / 1000}s after the whole message was sent` : 'the connection was lost after the whole message was sent';
        const response = `outcome unknown: ${why}; the next run sends it again with the same Message-ID`;
        onAttempt({ attempt, status: 'unknown', response });
        return { status: 'unknown', response, permanent: false, attempts: attempt };
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
    close: () => {
      for (const conn of idle.splice(0)) conn.quit();
      for (const conn of open) conn.close();
      open.clear();
    },
  };
}

/** Run a step with its own timeout: past it, the connection is closed and the step fails as timed out. */
function withTimer(conn: SMTPConnection, ms: number, step: (done: (err: Error | null) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const done = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const timer = setTimeout(() => {
      conn.close();
      done(Object.assign(new Error(`no answer within ${ms / 1000}s`), { code: 'ETIMEDOUT', timeoutType: 'COMMAND' }));
    }, ms);
    step(done);
  });
}
