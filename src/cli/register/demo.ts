import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerDemo(program: Command, { io, json }: CommandContext): void {
  program
    .command('demo')
    .description('make sheets for the bundled example clinic and appointments')
    .option('--out <dir>', 'output folder', 'output')
    .action(async (flags) => {
      const { demo } = await import('../commands/demo.js');
      const files = await demo(flags, io.err);
      io.out(json ? JSON.stringify({ files }) : files.join('\n'));
    });
}
