import type { Command } from 'commander';
import type { CommandContext } from '../io.js';
import { oneShotValidation } from '../one-shot.js';
import { addVisitOptions } from '../visit-flags.js';

export function registerPlan(program: Command, { io }: CommandContext): void {
  addVisitOptions(program.command('plan').description('print the dated plan for a visit as JSON (no PDF)')).action(async (flags) => {
    oneShotValidation();
    const { plan } = await import('../commands/plan.js');
    io.out(JSON.stringify(plan(flags, io.err), null, 2));
  });
}
