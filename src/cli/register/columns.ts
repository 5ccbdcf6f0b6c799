import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerColumns(program: Command, { io, json }: CommandContext): void {
  program
    .command('columns')
    .description("show how `batch` reads an export: each header's field, the services and statuses and what each becomes, the date format, and a block to paste into the clinic config")
    .argument('<appointments>', 'an appointments export (.csv, .xlsx or .json)')
    .option('--sheet <name>', 'the sheet of a workbook to read (default: the first)')
    .option('--config <file>', 'clinic config file (default: $HANDOUT_CONFIG, ./clinic.json, or the example clinic)')
    .option('--json', 'print the findings as JSON')
    .action(async (file: string, flags) => {
      const { columns, formatColumns } = await import('../commands/columns.js');
      const found = await columns(file, flags, io.err);
      io.out(json ? JSON.stringify(found) : formatColumns(found));
    });
}
