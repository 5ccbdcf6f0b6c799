import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerInit(program: Command, { io, json }: CommandContext): void {
  program
    .command('init')
    .description("make a new clinic's folder: clinic.json with every field, and a protocol folder with one worked example")
    .argument('[folder]', 'where to make it (default: the current folder)')
    .option('--json', 'print the result as JSON')
    .action(async (folder: string | undefined) => {
      const { init, formatInit } = await import('../commands/init.js');
      const result = init(folder);
      io.out(json ? JSON.stringify({ ok: true, ...result }) : formatInit(result));
    });
}
