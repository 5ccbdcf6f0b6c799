import { DateTime } from 'luxon';
import { HandoutError, quote } from '../errors.js';
import { Resources } from '../resources.js';
import { PAPERS, type Paper } from '../schema/clinic.js';
import { chooseConfig } from './config-path.js';

/** What a command needs from its surroundings, gathered once: the clock, resources, where to warn. */
export interface CliContext {
  now: DateTime;
  resources: Resources;
  warn(message: string): void;
}

/** `oneSheet`: the command makes a single sheet (see Resources). */
export function createContext(configFlag: string | undefined, warn: (m: string) => void, use: { oneSheet?: boolean } = {}): CliContext {
  const config = chooseConfig(configFlag);
  if (config.isExample) warn('note: no clinic config given (--config, $HANDOUT_CONFIG or ./clinic.json); using the example clinic.');
  // The only place the clock is read.
  return { now: DateTime.now(), resources: new Resources({ config: config.path }, {}, use), warn };
}

export function parsePaper(value: string | undefined): Paper | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if ((PAPERS as readonly string[]).includes(v)) return v as Paper;
  throw new HandoutError('E_INPUT', `--paper: ${quote(value)} is not a paper size`, { path: '--paper', hint: `Use one of: ${PAPERS.join(', ')}.` });
}
