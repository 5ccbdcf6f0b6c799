import { HandoutError } from '../errors.js';
import type { SheetText } from '../text/render-text.js';
import { BODY_SIZE, COLORS, PAGE_SIZES } from './page.js';
import type { Block, FontMetrics, Layout, Line, LogoBox, Shape, Style } from './types.js';
import { wrapRich, type LayoutCaches } from './wrap.js';

export interface LayoutOptions {
  paper: 'letter' | 'a4';
  /** Smallest body size allowed, in points. */
  minBodySize?: number;
  maxBodySize?: number;
  /** The clinic logo's pixel size, if it has one (drawn left of the clinic's name). */
  logo?: { width: number; height: number } | null;
  /** A size to try first (the size the previous sheet got): usually the answer, found in two tries. */
  hint?: number;
  /** Wrapped paragraphs remembered per process (Resources' caches). */
  caches: LayoutCaches;
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
  // Trying a size only measures (no lines are built); the size chosen is then laid out in full.
  const attempts = new Map<number, Attempt>();
  const attempt = (i: number): Attempt => {
    let a = attempts.get(i);
    if (!a) attempts.set(i, (a = composePage(text, metrics, options, min + i * BODY_SIZE.step, false)));
    return a;
  };
  const fits = (i: number) => attempt(i).leftOver.length === 0;
  // Find the largest step that fits (more text never fits at a larger size): binary search,
  // narrowed first around the hint.
  let lo = 0;
  let hi = steps;
  if (options.hint !== undefined) {
    const h = Math.min(steps, Math.max(0, Math.round((options.hint - min) / BODY_SIZE.step)));
    if (fits(h)) {
      lo = h + 1;
      if (h < steps && !fits(h + 1)) hi = h;
    } else {
      hi = h - 1;
      if (h > 0 && fits(h - 1)) lo = hi = h - 1;
    }
  }
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) lo = mid + 1;
    else hi = mid - 1;
  }
  if (hi >= 0) return composePage(text, metrics, options, min + hi * BODY_SIZE.step, true).layout;
  const what = attempt(0).leftOver.join(', ');
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

const MARGIN = { side: 30, top: 24, bottom: 20 };
const GUTTER = 14;
const LEADING = 1.14;

/** Lay out everything at one body size; report what did not fit. `build: false` only measures (the layout has no lines). */
function composePage(text: SheetText, metrics: FontMetrics, options: LayoutOptions, size: number, build: boolean): Attempt {
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
    for (const wrapped of wrapRich(source, opts.style, opts.width, opts.size, metrics, options.caches)) {
      const dx = opts.align === 'right' ? opts.width - wrapped.width : 0;
      if (build) lines.push({
        y,
        size: opts.size,
        color: opts.color,
        width: wrapped.width,
        spaceAfter: wrapped.spaceAfter,
        x: opts.x + dx,
        spans: wrapped.spans,
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
  y += size * 0.6;

  const title = paragraph('H1', 'title', text.title, { x: left, y, width: fullWidth, size: size * 1.6, color: COLORS.ink, style: 'bold' });
  blocks.push(title.block);
  const patient = stacked('P', 'patient', text.patient, { x: left, y: title.bottom + size * 0.15, width: fullWidth, size: size * 1.0, color: COLORS.ink });
  y = patient.bottom;
  blocks.push(patient.block);
  y += size * 0.4;

  if (text.note) {
    const pad = size * 0.5;
    const top = y;
    const note = paragraph('Note', 'note', `\uE000${text.note.label}\uE000 ${text.note.text}`, {
      x: left + pad, y: y + pad * 0.8, width: fullWidth - 2 * pad, size, color: COLORS.ink, style: 'italic',
    });
    shapes.push({ kind: 'rect', x: left, y: top, w: fullWidth, h: note.bottom - top + pad * 0.5, color: COLORS.tint });
    shapes.push({ kind: 'rect', x: left, y: top, w: 3, h: note.bottom - top + pad * 0.5, color: COLORS.accent });
    blocks.push(note.block);
    y = note.bottom + pad * 0.5 + size * 0.5;
  }
  if (text.urgent) y = urgentBox(text.urgent, paragraph, shapes, blocks, { left, width: fullWidth, y, size });

  // Footer, anchored at the bottom.
  const footerSize = Math.max(size * 0.8, 8);
  const footerY = page.height - MARGIN.bottom - footerSize * LEADING;
  const footer = paragraph('Footer', 'footer', text.footer, { x: left, y: footerY, width: fullWidth, size: footerSize, color: COLORS.muted });
  shapes.push({ kind: 'rect', x: left, y: footerY - footerSize * 0.5, w: fullWidth, h: 0.5, color: COLORS.muted });

  // Body: sections flow down two columns. A heading stays with its first item; an item is never
  // split across the columns (only one taller than a whole column would be).
  const colWidth = (fullWidth - GUTTER) / 2;
  const bodyTop = y;
  const bodyBottom = footerY - footerSize * 0.75;
  const lineHeight = size * LEADING;
  const headingSize = size * 1.15;
  const bulletIndent = size * 0.75;
  const itemGap = size * 0.15;
  let col = 0;
  let cursor = bodyTop;
  const leftOver: string[] = [];
  const colX = () => left + col * (colWidth + GUTTER);
  const nextColumn = () => {
    if (col === 1) return false;
    col = 1;
    cursor = bodyTop;
    return true;
  };

  for (const section of text.sections) {
    if (section.items.length === 0) continue;
    const heading = wrapRich(section.heading, 'bold', colWidth, headingSize, metrics, options.caches);
    const gap = () => (cursor === bodyTop ? 0 : size * 0.45);
    const headingHeight = heading.length * headingSize * LEADING + size * 0.1;
    // A heading stays with its whole first item (or the first two lines of an item taller than a column).
    const firstItem = wrapRich(section.items[0]!.text, undefined, colWidth - bulletIndent, size, metrics, options.caches).length * lineHeight;
    if (cursor + gap() + headingHeight + Math.min(firstItem, bodyBottom - bodyTop - headingHeight) > bodyBottom && !nextColumn()) {
      leftOver.push(`section "${section.heading}"`, ...section.items.map((i) => i.id));
      continue;
    }
    cursor += gap();
    const h: Block = { role: 'H2', id: `section-${section.id}`, lines: [] };
    for (const w of heading) {
      if (build) h.lines.push({ x: colX(), y: cursor, size: headingSize, color: COLORS.accent, width: w.width, spaceAfter: w.spaceAfter, spans: w.spans });
      cursor += headingSize * LEADING;
    }
    cursor += size * 0.1;
    blocks.push(h);

    for (const item of section.items) {
      const wrapped = wrapRich(item.text, undefined, colWidth - bulletIndent, size, metrics, options.caches);
      const block: Block = { role: 'LI', id: item.id, lines: [] };
      // An item moves whole to the next column rather than split, unless it alone is taller than a column.
      if (cursor + wrapped.length * lineHeight > bodyBottom && wrapped.length * lineHeight <= bodyBottom - bodyTop && !nextColumn()) {
        leftOver.push(item.id);
        continue;
      }
      for (const [n, w] of wrapped.entries()) {
        // Never leave a bullet alone at the bottom of a column.
        const need = n === 0 && wrapped.length > 1 ? 2 * lineHeight : lineHeight;
        if (cursor + need > bodyBottom && !nextColumn()) {
          leftOver.push(item.id);
          break;
        }
        if (n === 0 && build) block.bullet = { x: colX(), y: cursor, size, color: COLORS.accent };
        if (build) block.lines.push({ x: colX() + bulletIndent, y: cursor, size, color: COLORS.ink, width: w.width, spaceAfter: w.spaceAfter, spans: w.spans });
        cursor += lineHeight;
      }
      cursor += itemGap;
      blocks.push(block);
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

/**
 * The clinic's own "call at once" text, full width in a box with a coloured border, set apart from
 * the instructions: "Urgent: <the clinic's words> After hours, call <phone>."
 */
function urgentBox(
  urgent: NonNullable<SheetText['urgent']>,
  paragraph: (role: Block['role'], id: string, source: string, opts: { x: number; y: number; width: number; size: number; color: string; style?: Style }) => { block: Block; bottom: number },
  shapes: Shape[],
  blocks: Block[],
  at: { left: number; width: number; y: number; size: number },
): number {
  const { left, width, y, size } = at;
  const pad = size * 0.4;
  const source = `\uE000${urgent.label}\uE000 ${urgent.text}${urgent.phone ? ` \uE000${urgent.phone}\uE000` : ''}`;
  const p = paragraph('Note', 'urgent', source, { x: left + pad + 2, y: y + pad * 0.8, width: width - 2 * pad - 2, size, color: COLORS.ink });
  const h = p.bottom - y + pad * 0.5;
  const line = 1.25;
  shapes.push(
    { kind: 'rect', x: left, y, w: width, h: line, color: COLORS.urgent },
    { kind: 'rect', x: left, y: y + h - line, w: width, h: line, color: COLORS.urgent },
    { kind: 'rect', x: left, y, w: 3, h, color: COLORS.urgent },
    { kind: 'rect', x: left + width - line, y, w: line, h, color: COLORS.urgent },
  );
  blocks.push(p.block);
  return y + h + size * 0.5;
}
