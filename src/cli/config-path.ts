import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXAMPLE_CLINIC } from '../paths.js';

export interface ConfigChoice {
  path: string;
  /** True when no config was given or found and the bundled example clinic is used. */
  isExample: boolean;
}

/** --config, else $HANDOUT_CONFIG, else ./clinic.json, else the bundled example clinic. */
export function chooseConfig(flag: string | undefined, env = process.env, cwd = process.cwd()): ConfigChoice {
  if (flag) return { path: resolve(cwd, flag), isExample: false };
  if (env.HANDOUT_CONFIG) return { path: resolve(cwd, env.HANDOUT_CONFIG), isExample: false };
  const local = resolve(cwd, 'clinic.json');
  if (existsSync(local)) return { path: local, isExample: false };
  return { path: EXAMPLE_CLINIC, isExample: true };
}
