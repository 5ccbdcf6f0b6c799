import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerRules(program: Command, { io, json }: CommandContext): void {
  program
    .command('rules')
    .description('work with the rule files')
    .command('check')
    .description("validate the rules, templates, clinic config and the clinic's protocol folder; list where each rule comes from")
    .option('--config <file>', 'clinic config file')
    .option('--json', 'print the result as JSON')
    .action(async (flags) => {
      const { rulesCheck, formatRulesCheck } = await import('../commands/rules-check.js');
      const result = rulesCheck(flags, io.err);
      io.out(json ? JSON.stringify({ ok: true, ...result }) : formatRulesCheck(result));
    });
}
