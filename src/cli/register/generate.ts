import type { Command } from 'commander';
import type { CommandContext } from '../io.js';
import { oneShotValidation } from '../one-shot.js';
import { addVisitOptions } from '../visit-flags.js';

export function registerGenerate(program: Command, { io, json }: CommandContext): void {
  addVisitOptions(program.command('generate').description("make one patient's sheet and print its path"))
    .option('--out <dir>', 'output folder', 'output')
    .option('--pdfa', "archival copy for the patient's record (PDF/A-2b)")
    .option('--ics', 'also write the recovery as a calendar file (.ics) beside the PDF')
    .option('--email <address>', 'also email the sheet to this address (see "Email" in the README)')
    .option('--resend', 'with --email: send even if this sheet was already sent to this address')
    .action(async (flags) => {
      // One sheet: zod's compiled fast paths cost more to build than the few parses they would speed up.
      oneShotValidation();
      const { generate } = await import('../commands/generate.js');
      const result = await generate(flags, io.err);
      io.out(json ? JSON.stringify(result) : [result.file, ...(result.ics ? [result.ics] : []), ...(result.email ? [result.email.summary] : [])].join('\n'));
    });
}
