import type { DateTime } from 'luxon';
import { Memo } from '../memo.js';
import type { Section } from '../schema/rule.js';

/** One section of a sheet: its heading and each instruction's text (strings may carry BOLD markers). */
export interface SectionText {
  id: Section;
  heading: string;
  items: { id: string; text: string }[];
}

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
  /** A sheet's sections, by their whole text: sheets that say the same share one object. */
  sections: Memo<string, SectionText[]>;
}

export const newTextCaches = (): TextCaches => ({
  formatted: new Memo<string, string>(10_000),
  phrases: new Memo<string, string>(10_000),
  zoned: new Memo<string, DateTime>(1_000),
  instructions: new Memo<string, string>(10_000),
  sections: new Memo<string, SectionText[]>(256),
});
