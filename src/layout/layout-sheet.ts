import { HandoutError } from '../errors.js';
import type { SheetText } from '../text/render-text.js';
import { BODY_SIZE, COLORS, PAGE_SIZES } from './page.js';
import { parseRich } from './rich-text.js';
import type { Block, FontMetrics, Layout, Line, LogoBox, Shape, Style } from './types.js';
import { wrapRuns } from './wrap.js';

export interface LayoutOptions {
  paper: 'letter' | 'a4';
  /** Smallest body size allowed, in points. */
  minBodySize?: number;
  maxBodySize?: number;
  /** The clinic logo's size in pixels (only its proportions matter), if it has one. */
  logo?: { width: number; height: number } | null;
}

/**
 * Lay the sheet out on exactly one page: try body sizes from the largest down and keep the largest
 * at which everything fits (binary search: more text never fits at a larger size). Content that does
 * not fit even at the minimum is an E_OVERFLOW naming what was left over; nothing is ever cut.
 */
export function layoutSheet(text: SheetText, metrics: FontMetrics, options: LayoutOptions): Layout {
  const min = options.minBodySize ?? BODY_SIZE.min;
  const max = options.maxBodySize ?? BODY_SIZE.max;
  const steps = Math.round((max - min) / BODY_SIZE.step);
  let lo = 0;
  let hi = steps;
  let best: Layout | null = null;
  let smallest: Attempt | null = null;
  // Index 0 is the minimum size; find the largest index that fits.
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const attempt = composePage(text, metrics, options, min + mid * BODY_SIZE.step);
    if (mid === 0) smallest = attempt;
    if (attempt.leftOver.length === 0) {
      best = attempt.layout;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (best) return best;
  const attempt = smallest ?? composePage(text, metrics, options, min);
  const what = attempt.leftOver.join(', ');
  throw new HandoutError('E_OVERFLOW', `the sheet does not fit on one ${options.paper} page even with ${min} pt text: ${what} did not fit`, {
    hint: text.note
      ? `Shorten the provider's note (now ${text.note.text.length} characters) or the rule texts.`
      : 'Shorten the rule texts or the clinic details.',
  });
}

interface Attempt {
  layout: Layout;
  /** Ids of the blocks that did not fit. */
  leftOver: string[];
}

const MARGIN = { side: 34, top: 24, bottom: 22 };
const GUTTER = 16;
const LEADING = 1.2;

/** Lay out everything at one body size; report what did not fit. */
function composePage(text: SheetText, metrics: FontMetrics, options: LayoutOptions, size: number): Attempt {
  const { paper } = options;
  const page = PAGE_SIZES[paper];
  const left = MARGIN.side;
  const right = page.width - MARGIN.side;
  const fullWidth = right - left;
  const blocks: Block[] = [];
  const shapes: Shape[] = [{ kind: 'rect', x: 0, y: 0, w: page.width, h: 8, color: COLORS.accent }];

  const paragraph = (
    role: Block['role'],
    id: string,
    source: string,
    opts: { x: number; y: number; width: number; size: number; color: string; style?: Style; align?: 'left' | 'right' },
  ): { block: Block; bottom: number } => {
    const lines: Line[] = [];
    let y = opts.y;
    for (const wrapped of wrapRuns(parseRich(source, opts.style), opts.width, opts.size, metrics)) {
      const dx = opts.align === 'right' ? opts.width - wrapped.width : 0;
      lines.push({
        y,
        size: opts.size,
        color: opts.color,
        width: wrapped.width,
        spaceAfter: wrapped.spaceAfter,
        spans: wrapped.spans.map((s) => ({ ...s, x: opts.x + dx + s.x })),
      });
      y += opts.size * LEADING;
    }
    return { block: { role, id, lines }, bottom: y };
  };

  /** Several sources one under the other, as one block (e.g. the clinic's contact lines). */
  const stacked = (
    role: Block['role'],
    id: string,
    sources: string[],
    opts: Parameters<typeof paragraph>[3],
  ): { block: Block; bottom: number } => {
    const block: Block = { role, id, lines: [] };
    let top = opts.y;
    for (const source of sources) {
      const p = paragraph(role, id, source, { ...opts, y: top });
      block.lines.push(...p.block.lines);
      top = p.bottom;
    }
    return { block, bottom: top };
  };

  // Header: logo and clinic name left, contact lines right.
  let y = MARGIN.top;
  const contactWidth = fullWidth * 0.5;
  const logo = options.logo ? logoBox(options.logo, left, y, size, fullWidth * 0.2) : undefined;
  const nameX = logo ? left + logo.width + size * 0.6 : left;
  const name = paragraph('Header', 'clinic-name', `\uE000${text.clinic.name}\uE000`, {
    x: nameX, y, width: right - contactWidth - 10 - nameX, size: size * 1.3, color: COLORS.accent,
  });
  const contact = stacked('Header', 'clinic-contact', text.clinic.lines, {
    x: right - contactWidth, y, width: contactWidth, size: size * 0.85, color: COLORS.muted, align: 'right',
  });
  blocks.push(name.block, contact.block);
  y = Math.max(name.bottom, contact.bottom, logo ? logo.y + logo.height : 0) + size * 0.3;
  shapes.push({ kind: 'rect', x: left, y, w: fullWidth, h: 0.75, color: COLORS.accent });
  y += size * 0.7;

  const title = paragraph('H1', 'title', text.title, { x: left, y, width: fullWidth, size: size * 1.75, color: COLORS.ink, style: 'bold' });
  blocks.push(title.block);
  const patient = stacked('P', 'patient', text.patient, { x: left, y: title.bottom + size * 0.15, width: fullWidth, size: size * 1.05, color: COLORS.ink });
  y = patient.bottom;
  blocks.push(patient.block);
  y += size * 0.5;

  if (text.note) {
    const pad = size * 0.6;
    const top = y;
    const note = paragraph('Note', 'note', `\uE000${text.note.label}\uE000 ${text.note.text}`, {
      x: left + pad, y: y + pad * 0.8, width: fullWidth - 2 * pad, size, color: COLORS.ink, style: 'italic',
    });
    shapes.push({ kind: 'rect', x: left, y: top, w: fullWidth, h: note.bottom - top + pad * 0.5, color: COLORS.tint });
    shapes.push({ kind: 'rect', x: left, y: top, w: 3, h: note.bottom - top + pad * 0.5, color: COLORS.accent });
    blocks.push(note.block);
    y = note.bottom + pad * 0.5 + size * 0.6;
  }

  // Footer, anchored at the bottom.
  const footerSize = Math.max(size * 0.8, 8);
  const footerY = page.height - MARGIN.bottom - footerSize * LEADING;
  const footer = paragraph('Footer', 'footer', text.footer, { x: left, y: footerY, width: fullWidth, size: footerSize, color: COLORS.muted });
  shapes.push({ kind: 'rect', x: left, y: footerY - footerSize * 0.5, w: fullWidth, h: 0.5, color: COLORS.muted });

  // Body: sections flow down two columns. A heading stays with its first item; an item is never split.
  const colWidth = (fullWidth - GUTTER) / 2;
  const bodyTop = y;
  const bodyBottom = footerY - footerSize * 0.75;
  let col = 0;
  let cursor = bodyTop;
  const leftOver: string[] = [];
  const headingSize = size * 1.15;
  const bulletIndent = size * 0.75;
  const colX = () => left + col * (colWidth + GUTTER);

  const place = (build: (x: number, y: number) => { blocks: Block[]; bottom: number }, ids: string[]) => {
    let attempt = build(colX(), cursor);
    if (attempt.bottom > bodyBottom && col === 0) {
      col = 1;
      cursor = bodyTop;
      attempt = build(colX(), cursor);
    }
    if (attempt.bottom > bodyBottom) {
      leftOver.push(...ids);
      return;
    }
    blocks.push(...attempt.blocks);
    cursor = attempt.bottom;
  };

  const item = (x: number, top: number, id: string, source: string) => {
    const p = paragraph('LI', id, source, { x: x + bulletIndent, y: top, width: colWidth - bulletIndent, size, color: COLORS.ink });
    p.block.bullet = { x, y: top, size, color: COLORS.accent };
    return { block: p.block, bottom: p.bottom + size * 0.2 };
  };

  for (const section of text.sections) {
    const [first, ...rest] = section.items;
    if (!first) continue;
    place((x, top) => {
      const gap = top === bodyTop ? 0 : size * 0.5;
      const h = paragraph('H2', `section-${section.id}`, section.heading, {
        x, y: top + gap, width: colWidth, size: headingSize, color: COLORS.accent, style: 'bold',
      });
      const it = item(x, h.bottom + size * 0.15, first.id, first.text);
      return { blocks: [h.block, it.block], bottom: it.bottom };
    }, [`section "${section.heading}"`, first.id]);
    for (const next of rest) {
      place((x, top) => {
        const it = item(x, top, next.id, next.text);
        return { blocks: [it.block], bottom: it.bottom };
      }, [next.id]);
    }
  }
  blocks.push(footer.block);

  return {
    layout: { paper, width: page.width, height: page.height, bodySize: size, blocks, shapes, ...(logo && { logo }) },
    leftOver,
  };
}

/** The logo as tall as the clinic's contact lines, never wider than `maxWidth`. */
function logoBox(image: { width: number; height: number }, x: number, y: number, size: number, maxWidth: number): LogoBox {
  let height = size * 2.1;
  let width = (height * image.width) / image.height;
  if (width > maxWidth) {
    width = maxWidth;
    height = (width * image.height) / image.width;
  }
  return { x, y, width, height };
}
