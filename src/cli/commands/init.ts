import { existsSync, mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { writeAtomic } from '../../deliver/write-atomic.js';
import { HandoutError } from '../../errors.js';
import { isValidZone } from '../../schema/zone.js';
import { INITIAL_PROTOCOL, initialClinic } from '../init-files.js';

export interface InitResult {
  folder: string;
  files: string[];
  /** The commands to try next, in order. */
  next: string[];
}

/**
 * `handout init [folder]`: a new clinic's folder: clinic.json with every field, and a protocol
 * folder holding one worked example of a change. Never overwrites: a folder that already has
 * either is refused.
 */
export function init(folder: string | undefined, cwd = process.cwd()): InitResult {
  const dir = resolve(cwd, folder ?? '.');
  const config = join(dir, 'clinic.json');
  const protocolDir = join(dir, 'protocol');
  for (const path of [config, protocolDir]) {
    if (existsSync(path)) {
      throw new HandoutError('E_INPUT', `${path} already exists; handout init never overwrites a clinic's files`, {
        path,
        hint: 'Give a new folder (handout init my-clinic), or edit the files that are there.',
      });
    }
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const timeZone = zone && zone !== 'UTC' && isValidZone(zone) ? zone : 'America/New_York';
  const protocolFile = join(protocolDir, 'protocol.json');
  try {
    mkdirSync(protocolDir, { recursive: true });
  } catch (e) {
    throw new HandoutError('E_IO', `cannot make ${protocolDir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { path: protocolDir });
  }
  writeAtomic(config, Buffer.from(JSON.stringify(initialClinic(timeZone), null, 2) + '\n'));
  writeAtomic(protocolFile, Buffer.from(JSON.stringify(INITIAL_PROTOCOL, null, 2) + '\n'));

  const shown = relative(cwd, config) || 'clinic.json';
  const cfg = /\s/.test(shown) ? `"${shown}"` : shown;
  const out = relative(cwd, join(dir, 'output')) || 'output';
  return {
    folder: dir,
    files: [config, protocolFile],
    next: [
      `npx handout rules check --config ${cfg}`,
      `npx handout generate --config ${cfg} --name "Test Patient" --treatment standard --out ${out}`,
      `npx handout generate --config ${cfg} --name "Test Patient" --treatment aggressive --language es --paper a4 --out ${out}`,
    ],
  };
}

export function formatInit(r: InitResult): string {
  return [
    `made ${r.files.join(' and ')}`,
    `Fill in clinic.json (every field is described in the README, "The clinic config"), then try:`,
    ...r.next.map((c, i) => `  ${i + 1}. ${c}`),
  ].join('\n');
}
