import type { DateTime } from 'luxon';
import { Memo } from '../memo.js';

/** What the text stage remembers per process (held by Resources). */
export interface TextCaches {
  /** luxon's toFormat per format, locale and instant: a day's appointments share a few slots. */
  formatted: Memo<string, string>;
  /** A rule time in words, per language, treatment time and rule time. */
  phrases: Memo<string, string>;
  /** "Prepared at" placed in a visit's zone (a batch prints the same one on every sheet). */
  zoned: Memo<string, DateTime>;
  /** An instruction's text per rule, language and dates in words, for texts that read nothing else of the visit. */
  instructions: Memo<string, string>;
}

export const newTextCaches = (): TextCaches => ({
  formatted: new Memo<string, string>(10_000),
  phrases: new Memo<string, string>(10_000),
  zoned: new Memo<string, DateTime>(1_000),
  instructions: new Memo<string, string>(10_000),
});
