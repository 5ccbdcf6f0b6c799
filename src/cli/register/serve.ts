import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerServe(program: Command, { io }: CommandContext): void {
  program
    .command('serve')
    .description('serve the front-desk page (checkout, the day, sent) and its API on this machine')
    .option('--port <n>', 'port to listen on', '4321')
    .option('--host <address>', 'address to listen on (another than 127.0.0.1 needs a staff passcode: HANDOUT_PASSCODE)', '127.0.0.1')
    .option('--out <dir>', 'output folder (as for generate, batch and email)', 'output')
    .option('--config <file>', 'clinic config file (default: $HANDOUT_CONFIG, ./clinic.json, or the example clinic)')
    .option('--max-body <MB>', 'largest request body taken, in MB (at most 50)', '20')
    .option('--render-threads <n>', 'threads that make the sheets (default: one fewer than the cores; 0: on the server\'s own thread)')
    .option('--hash-passcode', 'print $HANDOUT_PASSCODE as a hash for the clinic config ("server.passcodeHash"), then exit')
    .action(async (flags) => {
      const { serveCommand } = await import('../commands/serve.js');
      await serveCommand(flags, io.out, io.err);
    });
}
