import type { Term, TermKind, Vocabulary } from '../schema/vocabulary.js';

/**
 * Areas and concerns, matched by their words in any language, and printed in the sheet's language.
 * Built once per process from rules/areas-and-concerns.json (plus a clinic's additions).
 */
export class Terms {
  private readonly phrases: Record<TermKind, { id: string; phrases: string[] }[]>;
  /** Normalized label or word -> the term it names exactly, per kind. */
  private readonly exact: Record<TermKind, Map<string, Term>>;
  /** Normalized labels and words of each language, per kind: text already in the sheet's language stays as typed. */
  private readonly ownWords: Record<TermKind, Map<string, Set<string>>>;
  private readonly found = new Map<string, readonly string[]>();

  constructor(readonly vocabulary: Vocabulary) {
    this.phrases = { area: [], concern: [] };
    this.exact = { area: new Map(), concern: new Map() };
    this.ownWords = { area: new Map(), concern: new Map() };
    for (const kind of ['area', 'concern'] as const) {
      for (const term of this.list(kind)) {
        for (const lang of new Set([...Object.keys(term.label), ...Object.keys(term.words)])) {
          let own = this.ownWords[kind].get(lang);
          if (!own) this.ownWords[kind].set(lang, (own = new Set()));
          for (const w of [term.label[lang] ?? '', ...(term.words[lang] ?? [])]) own.add(normalize(w));
        }
        const all = [term.id, ...Object.values(term.label), ...Object.values(term.words).flat()].map(normalize).filter(Boolean);
        this.phrases[kind].push({ id: term.id, phrases: [...new Set(all)] });
        for (const p of all) if (!this.exact[kind].has(p)) this.exact[kind].set(p, term);
      }
    }
  }

  list(kind: TermKind): Term[] {
    return kind === 'area' ? this.vocabulary.areas : this.vocabulary.concerns;
  }

  has(kind: TermKind, id: string): boolean {
    return this.list(kind).some((t) => t.id === id);
  }

  /** Ids of every term whose label or words occur, as whole words, in `text`. */
  idsIn(kind: TermKind, text: string | undefined): readonly string[] {
    if (!text) return [];
    const key = `${kind}\0${text}`;
    let ids = this.found.get(key);
    if (!ids) {
      const hay = ` ${normalize(text)} `;
      ids = this.phrases[kind].filter((t) => t.phrases.some((p) => hay.includes(` ${p} `))).map((t) => t.id);
      if (this.found.size > 10_000) this.found.clear();
      this.found.set(key, ids);
    }
    return ids;
  }

  /**
   * Does `text` match a rule's condition? Each listed word is a term id (matched through all its
   * words) or, for a clinic's own conditions, a plain word or phrase.
   */
  matches(kind: TermKind, text: string | undefined, wanted: readonly string[]): boolean {
    if (!text) return false;
    const ids = this.idsIn(kind, text);
    const hay = ` ${normalize(text)} `;
    return wanted.some((w) => (this.has(kind, w) ? ids.includes(w) : hay.includes(` ${normalize(w)} `)));
  }

  /**
   * How an area or concern prints on a sheet in `language`. Text that is one term or a list of
   * terms ("Cheeks and ojeras", "mejillas, ojeras") written in another language prints as the
   * terms' labels in `language`; anything else prints as typed: free text is the provider's own
   * words, and so are words already in the sheet's language.
   */
  label(kind: TermKind, text: string, language: string): string {
    const whole = this.exact[kind].get(normalize(text));
    const parts = whole ? [text] : text.split(/\s*(?:[,;/+&]|\band\b|\by\b|\be\b)\s*/i).filter((p) => p.trim());
    const own = this.ownWords[kind].get(language);
    if (parts.every((p) => own?.has(normalize(p)))) return text;
    const terms: Term[] = [];
    for (const part of parts) {
      const term = this.exact[kind].get(normalize(part));
      if (!term?.label[language]) return text;
      if (!terms.includes(term)) terms.push(term);
    }
    if (!terms.length) return text;
    const labels = terms.map((t, i) => (i === 0 ? t.label[language]! : lowerFirst(t.label[language]!)));
    return labels.length === 1 ? labels[0]! : listFormat(language).format(labels);
  }

  /** The choices a form offers, in `language` (falling back to English, then to the id). */
  choices(kind: TermKind, language: string): { id: string; label: string }[] {
    return this.list(kind).map((t) => ({ id: t.id, label: t.label[language] ?? t.label.en ?? t.id }));
  }
}

const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

const formats = new Map<string, Intl.ListFormat>();
function listFormat(language: string): Intl.ListFormat {
  let f = formats.get(language);
  if (!f) formats.set(language, (f = new Intl.ListFormat(language, { type: 'conjunction' })));
  return f;
}

/** Case, accents, dashes and apostrophes ignored: "Crow's feet" = "crows feet" = "CROW'S-FEET". */
export const normalize = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['\u2019]s\b/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
