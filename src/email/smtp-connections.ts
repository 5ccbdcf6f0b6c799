import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SmtpSettings } from './smtp-settings.js';

/**
 * The sender's connections (nodemailer's SMTPConnection, one message at a time each): an idle one,
 * logged in, is reused; one that fails a try is closed and never used again.
 */
export class SmtpConnections {
  private readonly idle: SMTPConnection[] = [];
  private readonly open = new Set<SMTPConnection>();
  // Loaded from node_modules (it is not bundled) when the sender is made: `handout generate` without --email never pays for nodemailer.
  private readonly Connection = require('nodemailer/lib/smtp-connection') as typeof import('nodemailer/lib/smtp-connection').default;

  constructor(private readonly settings: SmtpSettings) {}

  /** A connection, logged in: an idle one, or a new one. */
  async take(): Promise<SMTPConnection> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const conn = this.create();
    try {
      await withTimer(conn, this.settings.timeoutMs, (done) => {
        conn.once('error', done);
        conn.connect((err?: Error) => done(err ?? null));
      });
      const auth = this.settings.auth;
      if (auth) await withTimer(conn, this.settings.timeoutMs, (done) => conn.login(auth, (err) => done(err ?? null)));
    } catch (e) {
      this.forget(conn);
      conn.close();
      throw e;
    }
    return conn;
  }

  /** After a message went through: free for the next. */
  giveBack(conn: SMTPConnection): void {
    this.idle.push(conn);
  }

  /** After a try failed: closed. */
  drop(conn: SMTPConnection): void {
    this.open.delete(conn);
    conn.close();
  }

  close(): void {
    for (const conn of this.idle.splice(0)) conn.quit();
    for (const conn of this.open) conn.close();
    this.open.clear();
  }

  private create(): SMTPConnection {
    const { settings } = this;
    const conn = new this.Connection({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      // STARTTLS must succeed before anything (the login included) is sent; else the try fails with ETLS.
      ...(settings.requireTLS && !settings.secure && { requireTLS: true }),
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      // nodemailer's own inactivity limit only backs up the timers of each step.
      socketTimeout: settings.finalTimeoutMs + settings.timeoutMs,
      logger: false,
    });
    this.open.add(conn);
    const forget = () => this.forget(conn);
    conn.on('error', forget); // a failure in a command also reaches that command's callback
    conn.on('end', forget);
    return conn;
  }

  private forget(conn: SMTPConnection): void {
    this.open.delete(conn);
    const i = this.idle.indexOf(conn);
    if (i >= 0) this.idle.splice(i, 1);
  }
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
