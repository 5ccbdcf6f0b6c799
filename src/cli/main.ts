import { Command, CommanderError } from 'commander';
import { HandoutErrors, isHandoutError, type HandoutError } from '../errors.js';
import { redactSecrets } from '../redact.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import type { CliIO, CommandContext } from './io.js';
import { registerBatch } from './register/batch.js';
import { registerColumns } from './register/columns.js';
import { registerDemo } from './register/demo.js';
import { registerEmail } from './register/email.js';
import { registerGenerate } from './register/generate.js';
import { registerPlan } from './register/plan.js';
import { registerInit } from './register/init.js';
import { registerRules } from './register/rules.js';
import { registerServe } from './register/serve.js';

export type { CliIO } from './io.js';

/** Every command; each registers its flags and loads its code only when it runs. */
const COMMANDS = [registerGenerate, registerPlan, registerInit, registerRules, registerBatch, registerColumns, registerEmail, registerServe, registerDemo];

/** The process's own streams (bin/handout.js); tests pass their own. */
export function processIO(extra: Pick<CliIO, 'batchWorkers'> = {}): CliIO {
  return {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    ...(process.stderr.isTTY && { progress: (s: string) => process.stderr.write(s) }),
    ...extra,
  };
}

/**
 * The command-line entry point: the only code that prints (through `io`) and decides the exit
 * code, which it returns (bin/handout.js sets it on the process).
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const ctx: CommandContext = { io, json: argv.includes('--json'), outcome: {} };
  const program = new Command()
    .name('handout')
    .description('Personalized, dated, one-page microneedling aftercare sheets (PDF).')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  for (const register of COMMANDS) register(program, ctx);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const code = report(e, ctx.json, io);
    return ctx.outcome.batchStopped ? EXIT.batchStopped : code;
  }
  return ctx.outcome.exitCode ?? EXIT.ok;
}

/** An error as the user reads it (or as JSON), and its exit code. */
function report(e: unknown, asJson: boolean, io: CliIO): number {
  if (e instanceof CommanderError) {
    // Help and version are not errors; commander already printed its message.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (asJson) io.out(JSON.stringify({ ok: false, errors: [{ code: 'E_INPUT', message: e.message.replace(/^error: /, '') }] }));
    return EXIT.input;
  }
  if (isHandoutError(e)) {
    const errors: HandoutError[] = e instanceof HandoutErrors ? e.errors : [e];
    // The last guard: whatever an error quotes, a password in it is not printed.
    const safe = errors.map((x) => ({ ...x.toJSON(), message: redactSecrets(x.message), ...(x.hint !== undefined && { hint: redactSecrets(x.hint) }) }));
    if (asJson) io.out(JSON.stringify({ ok: false, errors: safe }));
    else for (const x of safe) io.err(`error: ${x.message}${x.hint ? `\n  hint: ${x.hint}` : ''}`);
    return exitCodeFor(errors[0]!.code);
  }
  // A bug, not bad input: say so briefly; the stack only on request (it may hold patient data).
  const message = redactSecrets(e instanceof Error ? e.message : String(e));
  if (asJson) io.out(JSON.stringify({ ok: false, errors: [{ code: 'E_INTERNAL', message }] }));
  else io.err(`internal error: ${message}${process.env.HANDOUT_DEBUG ? `\n${(e as Error).stack ?? ''}` : '\n  hint: set HANDOUT_DEBUG=1 for details, and report it.'}`);
  return EXIT.internal;
}
