import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerBatch(program: Command, { io, outcome }: CommandContext): void {
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
      const { batch, BatchStopped } = await import('../commands/batch.js');
      try {
        const output = await batch(file, flags, io.err, io.progress, io.batchWorkers);
        for (const line of output.problems) io.err(line);
        for (const line of output.skipped) io.out(line);
        io.out(output.report);
        if (output.bench) io.err(output.bench);
        outcome.exitCode = output.exitCode;
      } catch (e) {
        outcome.batchStopped = e instanceof BatchStopped;
        throw e;
      }
    });
}
