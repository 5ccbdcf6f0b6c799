import { DateTime } from 'luxon';
import { Resources } from '../../src/resources.js';
import { EXAMPLE_CONFIG } from './cli.js';

/** One Resources for the whole test file, as a worker would hold it. */
export const resources = new Resources({ config: EXAMPLE_CONFIG });

/** A fixed clock, so sheets and plans are stable. */
export const NOW = DateTime.fromISO('2026-11-23T08:00:00', { zone: 'America/Los_Angeles' });
