import { Memo } from '../memo.js';
import { parseRich, type Run } from './rich-text.js';
import type { Block, FontMetrics, Span, Style } from './types.js';

export interface WrappedLine {
  spans: Span[];
  width: number;
  /** The line ends between two words (not inside a word broken by characters). */
  spaceAfter: boolean;
}

interface Piece {
  text: string;
  style: Style;
  width: number;
}

/** What may not be split: pieces with no space between them, e.g. a bold date and the period after it. */
export interface Word {
  pieces: Piece[];
  /** Width with the trailing space, and without it (at the end of a line). */
  width: number;
  bare: number;
}

/** What wrapping remembers per process (held by Resources): the metrics are the process's one FontSet. */
export interface LayoutCaches {
  /** A paragraph's source text -> its lines per style, size and width. */
  wrapped: Memo<string, Map<string, WrappedLine[]>>;
  /** Words of a run list, in thousandths of the font size. */
  words: Memo<string, Word[]>;
  /**
   * The body's blocks and what did not fit, per sections object (held while the text stage's memo
   * holds that object), then per paper, size and place (see PageComposer.body). Callers never modify them.
   */
  bodies: WeakMap<object, Memo<string, { blocks: Block[]; leftOver: string[] }>>;
}

export const newLayoutCaches = (): LayoutCaches => ({
  wrapped: new Memo<string, Map<string, WrappedLine[]>>(5_000),
  words: new Memo<string, Word[]>(5_000),
  bodies: new WeakMap(),
});

/**
 * wrapRuns of a string with BOLD markers (see parseRich), remembered: the same paragraph at the
 * same width and size wraps the same way, and a batch lays out the same rule texts for every
 * patient of a time slot. Callers never modify the lines they get.
 */
export function wrapRich(source: string, style: Style = 'regular', maxWidth: number, size: number, metrics: FontMetrics, caches: LayoutCaches): WrappedLine[] {
  // Keyed by the source string itself first: texts come from the text stage's memo, so the same
  // string object keeps its hash, where a key made by joining it to the size would be hashed anew.
  const bySize = caches.wrapped.get(source, () => new Map());
  const key = `${style}|${size}|${maxWidth}`;
  let lines = bySize.get(key);
  if (!lines) bySize.set(key, (lines = wrapRuns(parseRich(source, style), maxWidth, size, metrics, caches)));
  return lines;
}
const runsKey = (runs: Run[]) => runs.map((r) => r.style[0] + r.text).join('\u0001');

/**
 * Greedy line breaking at spaces (U+0020 only: a no-break space, as in Spanish "6:30 p.\u202Fm.",
 * keeps its neighbours on one line); a word wider than the line is broken by characters.
 * Widths come from the real font, so what fits here fits in the PDF. Span x is relative to 0.
 */
export function wrapRuns(runs: Run[], maxWidth: number, size: number, metrics: FontMetrics, caches: LayoutCaches): WrappedLine[] {
  const scale = size / 1000;
  const measure = (text: string, style: Style) => metrics.widthOf(text, style) * scale;
  // Words in thousandths of the font size, by text: the fit lays the same paragraphs out at
  // several sizes, and a batch lays the same rule texts out for every patient.
  const words = scaled(caches.words.get(runsKey(runs), () => toWords(runs, (text, style) => metrics.widthOf(text, style))), scale);

  const lines: WrappedLine[] = [];
  let current: Word[] = [];
  let width = 0;
  /** The current line ends with a piece of a word that goes on on the next line. */
  let midWord = false;
  const flush = () => {
    if (current.length) lines.push({ ...toLine(current, measure), spaceAfter: !midWord });
    current = [];
    width = 0;
    midWord = false;
  };
  for (const word of words) {
    if (width + word.bare <= maxWidth) {
      current.push(word);
      width += word.width;
      continue;
    }
    flush();
    if (word.bare <= maxWidth) {
      current.push(word);
      width = word.width;
      continue;
    }
    // A single word longer than the line (a long name or address): break it by characters.
    const parts = breakWord(word, maxWidth, measure);
    parts.forEach((part, i) => {
      flush();
      current.push(part);
      width = part.width;
      midWord = i < parts.length - 1;
    });
  }
  flush();
  return lines;
}

function scaled(words: Word[], scale: number): Word[] {
  return words.map((w) => ({
    pieces: w.pieces.map((p) => ({ text: p.text, style: p.style, width: p.width * scale })),
    width: w.width * scale,
    bare: w.bare * scale,
  }));
}

function toWords(runs: Run[], measure: (t: string, s: Style) => number): Word[] {
  const words: Word[] = [];
  let open: Piece[] = [];
  const close = () => {
    if (!open.length) return;
    const last = open[open.length - 1]!;
    const bareLast = trimBreaks(last.text);
    const width = open.reduce((a, p) => a + p.width, 0);
    words.push({ pieces: open, width, bare: width - last.width + (bareLast === last.text ? last.width : measure(bareLast, last.style)) });
    open = [];
  };
  for (const run of runs) {
    for (const text of run.text.match(/[^ ]+ *| +/g) ?? []) {
      if (/^ +$/.test(text)) {
        // Space at a run boundary ("word **bold**"): it belongs to the word before.
        if (open.length) {
          const last = open[open.length - 1]!;
          open[open.length - 1] = { ...last, text: last.text + text, width: last.width + measure(text, last.style) };
        }
        close();
        continue;
      }
      open.push({ text, style: run.style, width: measure(text, run.style) });
      if (text.endsWith(' ')) close();
    }
  }
  close();
  return words;
}

function breakWord(word: Word, maxWidth: number, measure: (t: string, s: Style) => number): Word[] {
  const out: Word[] = [];
  let pieces: Piece[] = [];
  let width = 0;
  for (const piece of word.pieces) {
    let chunk = '';
    for (const ch of Array.from(piece.text)) {
      const w = measure(chunk + ch, piece.style);
      if ((chunk || pieces.length) && width + w > maxWidth) {
        if (chunk) pieces.push({ text: chunk, style: piece.style, width: measure(chunk, piece.style) });
        const total = pieces.reduce((a, p) => a + p.width, 0);
        out.push({ pieces, width: total, bare: total });
        pieces = [];
        width = 0;
        chunk = '';
      }
      chunk += ch;
    }
    if (chunk) {
      const w = measure(chunk, piece.style);
      pieces.push({ text: chunk, style: piece.style, width: w });
      width += w;
    }
  }
  if (pieces.length) {
    const total = pieces.reduce((a, p) => a + p.width, 0);
    const last = pieces[pieces.length - 1]!;
    out.push({ pieces, width: total, bare: total - last.width + measure(trimBreaks(last.text), last.style) });
  }
  return out;
}

function toLine(words: Word[], measure: (t: string, s: Style) => number): Omit<WrappedLine, 'spaceAfter'> {
  const spans: Span[] = [];
  let x = 0;
  const pieces = words.flatMap((w) => w.pieces);
  pieces.forEach((p, i) => {
    const isLast = i === pieces.length - 1;
    const text = isLast ? trimBreaks(p.text) : p.text;
    const width = isLast && text !== p.text ? measure(text, p.style) : p.width;
    const prev = spans[spans.length - 1];
    if (prev && prev.style === p.style) prev.text += text;
    else spans.push({ x, text, style: p.style });
    x += width;
  });
  return { spans, width: x };
}

/** Drop the break spaces at the end of a piece; no-break spaces are part of the word. */
function trimBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return end === text.length ? text : text.slice(0, end);
}
