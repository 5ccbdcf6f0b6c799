/**
 * Text typed or pasted into a visit's fields, made printable. The sheet's renderer places glyphs
 * one by one (no shaping, no bidi): a decomposed accent (e + U+0308) would print beside its letter,
 * an invisible formatting character (LRM, RLM, bidi embeddings, U+034F, a soft hyphen, a word
 * joiner, a zero-width space) as a box, a "-" or a gap. So: Unicode NFC first; then what Unicode
 * calls default-ignorable (invisible by definition) is dropped; what is left that cannot print in
 * place (a control or separator character, a combining mark with no precomposed letter) is refused
 * by `unprintable`, naming it.
 */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\p{Default_Ignorable_Code_Point}/gu, '');
}

const NAMES: Record<number, string> = {
  0x00: 'NULL',
  0x09: 'CHARACTER TABULATION',
  0x0a: 'LINE FEED',
  0x0b: 'LINE TABULATION',
  0x0c: 'FORM FEED',
  0x0d: 'CARRIAGE RETURN',
  0x1b: 'ESCAPE',
  0x7f: 'DELETE',
  0x85: 'NEXT LINE',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x0300: 'COMBINING GRAVE ACCENT',
  0x0301: 'COMBINING ACUTE ACCENT',
  0x0302: 'COMBINING CIRCUMFLEX ACCENT',
  0x0303: 'COMBINING TILDE',
  0x0304: 'COMBINING MACRON',
  0x0306: 'COMBINING BREVE',
  0x0307: 'COMBINING DOT ABOVE',
  0x0308: 'COMBINING DIAERESIS',
  0x030a: 'COMBINING RING ABOVE',
  0x030b: 'COMBINING DOUBLE ACUTE ACCENT',
  0x030c: 'COMBINING CARON',
  0x0323: 'COMBINING DOT BELOW',
  0x0327: 'COMBINING CEDILLA',
  0x0328: 'COMBINING OGONEK',
};

/** "U+2028 LINE SEPARATOR" (or the kind of character when its name is not listed). */
export function describeCharacter(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const kind = /\p{M}/u.test(ch) ? 'a combining mark' : /\p{Cs}/u.test(ch) ? 'half of a broken character pair' : /\p{Co}/u.test(ch) ? 'a private-use character' : 'a control character';
  return NAMES[cp] ? `${code} ${NAMES[cp]}` : `${code} (${kind})`;
}

// Controls, line and paragraph separators, unpaired surrogates, private use (the templates' bold marker).
const REFUSED = /[\p{Cc}\p{Zl}\p{Zp}\p{Cs}\p{Co}]/u;

// Control characters would break headers, file names and the page; private-use characters are
// reserved for the templates' own bold marker.
const CONTROL_MESSAGE = 'must not contain line breaks, tabs or other control characters';

/**
 * Why a field's text cannot print, as its error message, naming the first character that cannot
 * print in place and what it follows; undefined when all can. An accent is not called a control character.
 */
export function unprintable(text: string): string | undefined {
  let before = '';
  for (const ch of text) {
    if (REFUSED.test(ch)) return `${CONTROL_MESSAGE} (${describeCharacter(ch)}${before ? ` after "${before}"` : ''})`;
    if (/\p{M}/u.test(ch)) return `cannot be printed: ${describeCharacter(ch)} after "${before}": it has no letter with that accent to print as`;
    before = ch;
  }
  return undefined;
}
