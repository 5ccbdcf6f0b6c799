import { syllable } from 'syllable';

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** A number as it is read aloud ("24" -> "twenty four", "2026" -> "twenty twenty six"), for counting syllables. */
function spoken(n: number): string {
  if (n < 20) return ONES[n]!;
  if (n < 100) return `${TENS[Math.floor(n / 10)]} ${n % 10 ? ONES[n % 10] : ''}`;
  if (n < 1000) return `${ONES[Math.floor(n / 100)]} hundred ${n % 100 ? spoken(n % 100) : ''}`;
  return `${spoken(Math.floor(n / 100))} ${n % 100 ? spoken(n % 100) : 'hundred'}`; // years: "twenty twenty six"
}

const syllablesOf = (token: string): number =>
  token
    .split(/(\d+)/)
    .filter((p) => /[\p{L}\d]/u.test(p))
    .reduce((sum, p) => sum + (/^\d+$/.test(p) ? syllable(spoken(Number(p.slice(-4)))) : syllable(p)), 0);

export interface Readability {
  grade: number;
  words: number;
  sentences: number;
  syllables: number;
}

/**
 * Flesch-Kincaid grade level: 0.39 (words / sentences) + 11.8 (syllables / words) - 15.59.
 * Words are white-space separated tokens with a letter or digit; numbers count with the syllables
 * they have when read aloud ("2:30" is "two thirty"); a sentence ends with . ! or ? before a space
 * or the end.
 */
export function fleschKincaid(text: string): Readability {
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => /[\p{L}\d]/u.test(s)).length;
  const tokens = text.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w));
  const syllables = tokens.reduce((sum, w) => sum + syllablesOf(w), 0);
  const words = tokens.length;
  return { grade: 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59, words, sentences, syllables };
}
