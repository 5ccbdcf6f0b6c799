import { Command, CommanderError } from 'commander';
import type { Worker } from 'node:worker_threads';
import { HandoutErrors, isHandoutError, type HandoutError } from '../errors.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { addVisitOptions } from './visit-flags.js';

/**
 * The command-line entry point: the only code that prints or exits. Commands are loaded on use,
 * so `handout generate` does not pay for what `batch` or `email` need.
 */
export interface MainOptions {
  /** Batch worker threads bin/handout.js started while the CLI loaded (see bin/batch-workers.js). */
  batchWorkers?: Worker[];
}

export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  let json = argv.includes('--json');
  const out = (s: string) => process.stdout.write(s + '\n');
  const warn = (s: string) => process.stderr.write(s + '\n');
  let exitCode: number = EXIT.ok;
  let batchStopped = false;

  const program = new Command()
    .name('handout')
    .description('Personalized, dated, one-page microneedling aftercare sheets (PDF).')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

  addVisitOptions(program.command('generate').description("make one patient's sheet and print its path"))
    .option('--out <dir>', 'output folder', 'output')
    .option('--pdfa', "archival copy for the patient's record (PDF/A-2b)")
    .option('--email <address>', 'also email the sheet to this address (see "Email" in the README)')
    .option('--resend', 'with --email: send even if this sheet was already sent to this address')
    .action(async (flags) => {
      const { generate } = await import('./commands/generate.js');
      const result = await generate(flags, warn);
      out(json ? JSON.stringify(result) : [result.file, ...(result.email ? [result.email.summary] : [])].join('\n'));
    });

  addVisitOptions(program.command('plan').description('print the dated plan for a visit as JSON (no PDF)')).action(async (flags) => {
    const { plan } = await import('./commands/plan.js');
    out(JSON.stringify(plan(flags, warn), null, 2));
  });

  program
    .command('rules')
    .description('work with the rule files')
    .command('check')
    .description('validate the rules, templates and clinic config')
    .option('--config <file>', 'clinic config file')
    .option('--json', 'print the result as JSON')
    .action(async (flags) => {
      const { rulesCheck } = await import('./commands/rules-check.js');
      const result = rulesCheck(flags, warn);
      out(json ? JSON.stringify({ ok: true, ...result }) : `ok: ${result.rules} rules in ${result.files.length} file(s); languages: ${result.languages.join(', ')}`);
    });

  program
    .command('batch')
    .description('make the sheets of every visit in an appointments export (CSV, Excel or JSON)')
    .argument('<appointments>', 'a CSV file or Excel workbook (.xlsx) with a header row, or JSON: a list of visits')
    .option('--sheet <name>', 'the sheet of a workbook to read (default: the first)')
    .option('--out <dir>', 'output folder; each day gets its own folder inside', 'output')
    .option('--day <YYYY-MM-DD>', 'only the visits of this day (default: every row)')
    .option('--jobs <n>', 'worker threads rendering in parallel (default: the number of cores)')
    .option('--config <file>', 'clinic config file (default: $HANDOUT_CONFIG, ./clinic.json, or the example clinic)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, flags) => {
      const { batch, BatchStopped } = await import('./commands/batch.js');
      // A progress bar only for a person watching a terminal.
      const progress = process.stderr.isTTY ? (s: string) => process.stderr.write(s) : undefined;
      try {
        const output = await batch(file, flags, warn, progress, options.batchWorkers);
        for (const line of output.problems) warn(line);
        for (const line of output.skipped) out(line);
        out(output.report);
        if (output.bench) warn(output.bench);
        exitCode = output.exitCode;
      } catch (e) {
        batchStopped = e instanceof BatchStopped;
        throw e;
      }
    });

  program
    .command('columns')
    .description("show how `batch` reads an export: each header's field, the services and statuses and what each becomes, the date format, and a block to paste into the clinic config")
    .argument('<appointments>', 'an appointments export (.csv, .xlsx or .json)')
    .option('--sheet <name>', 'the sheet of a workbook to read (default: the first)')
    .option('--config <file>', 'clinic config file (default: $HANDOUT_CONFIG, ./clinic.json, or the example clinic)')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, flags) => {
      const { columns, formatColumns } = await import('./commands/columns.js');
      const found = await columns(file, flags, warn);
      out(json ? JSON.stringify(found) : formatColumns(found));
    });

  program
    .command('email')
    .description("make each appointment's sheet and email it to the patient, exactly once")
    .argument('<appointments>', 'appointments file (.csv or .json)')
    .option('--out <dir>', 'output folder (sheets, outbox/, delivery-log.jsonl)', 'output')
    .option('--day <YYYY-MM-DD>', 'only the appointments of this day')
    .option('--dry-run', 'write the messages to <out>/outbox/ instead of sending them, even when SMTP is configured')
    .option('--resend', 'send again what the delivery log says was already sent')
    .option('--config <file>', 'clinic config file (default: $HANDOUT_CONFIG, ./clinic.json, or the example clinic)')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, flags) => {
      const { email, formatEmailRun } = await import('./commands/email.js');
      const run = await email(file, flags, warn);
      out(json ? JSON.stringify(run) : formatEmailRun(run));
      exitCode = run.exitCode;
    });

  program
    .command('demo')
    .description('make sheets for the bundled example clinic and appointments')
    .option('--out <dir>', 'output folder', 'output')
    .action(async (flags) => {
      const { demo } = await import('./commands/demo.js');
      const files = await demo(flags, warn);
      out(json ? JSON.stringify({ files }) : files.join('\n'));
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const code = report(e, json, out, warn);
    exitCode = batchStopped ? EXIT.batchStopped : code;
  }
  return exitCode;

  function report(e: unknown, asJson: boolean, print: (s: string) => void, printErr: (s: string) => void): number {
    if (e instanceof CommanderError) {
      // Help and version are not errors; commander already printed its message.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      if (asJson) print(JSON.stringify({ ok: false, errors: [{ code: 'E_INPUT', message: e.message.replace(/^error: /, '') }] }));
      return EXIT.input;
    }
    if (isHandoutError(e)) {
      const errors: HandoutError[] = e instanceof HandoutErrors ? e.errors : [e];
      if (asJson) {
        print(JSON.stringify({ ok: false, errors: errors.map((x) => x.toJSON()) }));
      } else {
        for (const x of errors) printErr(`error: ${x.message}${x.hint ? `\n  hint: ${x.hint}` : ''}`);
      }
      return exitCodeFor(errors[0]!.code);
    }
    // A bug, not bad input: say so briefly; the stack only on request (it may hold patient data).
    const message = e instanceof Error ? e.message : String(e);
    if (asJson) print(JSON.stringify({ ok: false, errors: [{ code: 'E_INTERNAL', message }] }));
    else printErr(`internal error: ${message}${process.env.HANDOUT_DEBUG ? `\n${(e as Error).stack ?? ''}` : '\n  hint: set HANDOUT_DEBUG=1 for details, and report it.'}`);
    return EXIT.internal;
  }
}
