import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SmtpProblem } from './classify-failure.js';
import type { SmtpConnections } from './smtp-connections.js';
import type { SmtpSettings } from './smtp-settings.js';

/** Where a message was when a try ended: what its failure means. */
export type Phase = 'connect' | 'envelope' | 'data' | 'final';

export interface TryOutcome {
  ok: boolean;
  response: string;
  phase: Phase;
  error?: SmtpProblem;
}

/** One try of one message on one connection (a connection that fails the try is closed). */
export async function tryOnce(connections: SmtpConnections, settings: SmtpSettings, raw: Buffer, envelope: { from: string; to: string[] }): Promise<TryOutcome> {
  let conn: SMTPConnection;
  try {
    conn = await connections.take();
  } catch (e) {
    return { ok: false, response: '', phase: 'connect', error: e as SmtpProblem };
  }
  return new Promise<TryOutcome>((resolve) => {
    const transfer = new Transfer(settings, (outcome) => {
      if (outcome.ok) connections.giveBack(conn);
      else connections.drop(conn);
      resolve(outcome);
    });
    // A fresh envelope each try: nodemailer writes its errors onto the object it is given.
    conn.send({ from: envelope.from, to: [...envelope.to] }, transfer.body(raw), (err, info) => transfer.answered(err, info));
  });
}

type Answer = Parameters<Parameters<SMTPConnection['send']>[2]>;

/**
 * One message going over a connection: the phase it is in and that phase's timer. The envelope's
 * commands and the body's transfer get `timeoutMs`, the answer to the final dot `finalTimeoutMs`.
 * `end` is called once, with how the try ended.
 */
class Transfer {
  private phase: Phase = 'envelope';
  private settled = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: SmtpSettings,
    private readonly end: (outcome: TryOutcome) => void,
  ) {
    this.arm(settings.timeoutMs);
  }

  /** The message, read by nodemailer once the server has said yes to DATA; its end is the final dot. */
  body(raw: Buffer): Readable {
    let given = false;
    const arm = (ms: number) => this.arm(ms);
    const body = new Readable({
      read: () => {
        if (given) return;
        given = true;
        this.phase = 'data';
        arm(this.settings.timeoutMs);
        body.push(raw);
        body.push(null);
      },
    });
    body.on('end', () => {
      this.phase = 'final';
      arm(this.settings.finalTimeoutMs);
    });
    return body;
  }

  /** The server's answer to the whole message (or nodemailer's error). */
  answered(...[err, info]: Answer): void {
    if (err) return this.finish({ ok: false, response: '', phase: this.phase, error: err as SmtpProblem });
    if (info.rejected.length > 0) {
      const refused = info.rejectedErrors?.[0] as SmtpProblem | undefined;
      return this.finish({ ok: false, response: '', phase: 'envelope', error: { command: 'RCPT TO', responseCode: 550, ...refused, response: refused?.response ?? `refused ${info.rejected.join(', ')}` } });
    }
    this.finish({ ok: true, response: String(info.response ?? 'accepted'), phase: this.phase });
  }

  private finish(outcome: TryOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    this.end(outcome);
  }

  private expire(): void {
    const final = this.phase === 'final';
    const waited = final ? this.settings.finalTimeoutMs : this.settings.timeoutMs;
    this.finish({ ok: false, response: '', phase: this.phase, error: { code: 'ETIMEDOUT', timeoutType: final ? 'FINAL_DOT' : 'COMMAND', message: `no answer within ${waited / 1000}s` } });
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.expire(), ms);
  }
}
