import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerEmail(program: Command, { io, json, outcome }: CommandContext): void {
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
      const { email, formatEmailRun } = await import('../commands/email.js');
      const { BatchStopped } = await import('../../batch/batch-stopped.js');
      let run;
      try {
        run = await email(file, flags, io.err);
      } catch (e) {
        outcome.batchStopped = e instanceof BatchStopped; // the appointments file is unusable: as for `batch`
        throw e;
      }
      io.out(json ? JSON.stringify(run) : formatEmailRun(run));
      outcome.exitCode = run.exitCode;
    });
}
