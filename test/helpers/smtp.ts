import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterEach } from 'vitest';

/** What the server does with the n-th connection / MAIL FROM / message (1-based, counted over its life). */
export type ConnectAction = 'ok' | '421' | { delayMs: number };
/**
 * accept: 250 at once; { delayMs }: 250 after a while (a slow server); 421: refused; drop: the
 * server goes away without keeping the message; kept-then-drop / kept-then-hang: the server keeps
 * the message (the patient will get it) but its answer is lost / never comes.
 */
export type MessageAction = 'accept' | '421' | 'drop' | 'kept-then-drop' | 'kept-then-hang' | { delayMs: number };

export interface TestSmtpOptions {
  /** Require this login. */
  auth?: { user: string; pass: string };
  /** Recipients refused with 550 at RCPT TO. */
  refuse?: string[];
  onConnect?: (n: number) => ConnectAction;
  onMailFrom?: (n: number) => 'ok' | '421';
  /** Decided once the whole message was read, before answering. */
  onMessage?: (n: number) => MessageAction;
  /** Listen on this port (to bring a server back where the client expects it); default: a free one. */
  port?: number;
  /** Messages kept by an earlier server on this port: this one adds to them. */
  keptBefore?: Promise<Received>[];
}

export interface Received {
  /** RCPT TO addresses of the envelope. */
  rcptTo: string[];
  mail: ParsedMail;
}

export interface TestSmtp {
  port: number;
  /** smtp://user:pass@127.0.0.1:port (or without a login). */
  url(user?: string, pass?: string): string;
  /** Messages the server accepted (answered 250, or kept without answering), parsed with mailparser. */
  received(): Promise<Received[]>;
  /** The same, unparsed promises: hand them to a server started later on the same port. */
  kept: Promise<Received>[];
  /** Change what the server does, e.g. bring it back up between two runs. */
  options: TestSmtpOptions;
  counts: { connections: number; mailFrom: number; messages: number };
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, on a free port. No STARTTLS: its built-in
 * certificate has expired, and nothing leaves the machine.
 */
export async function startSmtp(options: TestSmtpOptions = {}): Promise<TestSmtp> {
  const accepted: Promise<Received>[] = options.keptBefore ?? [];
  const counts = { connections: 0, mailFrom: 0, messages: 0 };
  const answer = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    allowInsecureAuth: true,
    authOptional: !options.auth,
    size: 10 * 1024 * 1024,
    onConnect(_session, cb) {
      const action = t.options.onConnect?.(++counts.connections) ?? 'ok';
      if (action === '421') return cb(answer(421, 'Service not available, try again later'));
      if (action === 'ok') return cb();
      setTimeout(() => cb(), action.delayMs);
    },
    onAuth(auth, _session, cb) {
      const want = t.options.auth;
      if (want && auth.username === want.user && auth.password === want.pass) return cb(null, { user: auth.username });
      cb(answer(535, 'Authentication credentials invalid'));
    },
    onMailFrom(_address, _session, cb) {
      const action = t.options.onMailFrom?.(++counts.mailFrom) ?? 'ok';
      cb(action === '421' ? answer(421, 'Too busy, try again later') : undefined);
    },
    onRcptTo(address, _session, cb) {
      if (t.options.refuse?.includes(address.address)) return cb(answer(550, `No such user here: ${address.address}`));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const action = t.options.onMessage?.(++counts.messages) ?? 'accept';
        if (action === '421') return cb(answer(421, 'Lost the message, try again later'));
        if (action === 'drop') {
          // The server goes away with the message unanswered: not accepted.
          for (const c of server.connections) c._socket.destroy();
          return;
        }
        const raw = Buffer.concat(chunks);
        const rcptTo = session.envelope.rcptTo.map((a) => a.address);
        accepted.push(simpleParser(raw).then((mail) => ({ rcptTo, mail })));
        if (action === 'kept-then-drop') {
          for (const c of server.connections) c._socket.destroy();
          return;
        }
        if (action === 'kept-then-hang') return; // never answers
        const reply = () => cb(null, `OK: queued as #${accepted.length}`);
        if (typeof action === 'object') setTimeout(reply, action.delayMs);
        else reply();
      });
    },
  });
  server.on('error', () => {}); // clients that time out and leave are expected here
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  const t: TestSmtp = {
    port,
    url: (user, pass) => `smtp://${user ? `${encodeURIComponent(user)}:${encodeURIComponent(pass ?? '')}@` : ''}127.0.0.1:${port}`,
    received: () => Promise.all(accepted),
    kept: accepted,
    options,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.connections) c._socket.destroy();
        server.close(() => resolve());
      }),
  };
  return t;
}

/** For a test file: `const smtp = smtpPerTest()`, then `await smtp.start()` in a test; stopped after each test. */
export function smtpPerTest(): { start(options?: TestSmtpOptions): Promise<TestSmtp> } {
  const started: TestSmtp[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  return {
    async start(options) {
      const server = await startSmtp(options);
      started.push(server);
      return server;
    },
  };
}
