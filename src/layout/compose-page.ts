import type { SheetText } from '../text/render-text.js';
import { logoBox } from './logo-box.js';
import { COLORS, MARGIN, PAGE_SIZES } from './page.js';
import type { Block, FontMetrics, Layout, Line, LogoBox, Shape, Style } from './types.js';
import { Memo } from '../memo.js';
import { wrapRich, type LayoutCaches } from './wrap.js';

export interface Attempt {
  layout: Layout;
  /** Ids of the blocks that did not fit. */
  leftOver: string[];
}

export interface ComposeOptions {
  paper: 'letter' | 'a4';
  logo?: { width: number; height: number } | null | undefined;
  caches: LayoutCaches;
}

const GUTTER = 14;
/** Bodies remembered per sections object: a few sizes tried, at a few header heights (a note, an area). */
const BODIES_PER_SECTIONS = 16;
const LEADING = 1.14;

interface ParagraphOptions {
  x: number;
  y: number;
  width: number;
  size: number;
  color: string;
  style?: Style;
  align?: 'left' | 'right';
}

type Placed = { block: Block; bottom: number };

/**
 * Lay everything out at one body size, top to bottom: header, title and patient lines, the
 * provider's note, the clinic's urgent box, the footer (anchored at the bottom), then the sections
 * flowing down two columns between them. Reports what did not fit. `build: false` only measures
 * (the layout has no lines), which is how the fit tries sizes.
 */
export function composePage(text: SheetText, metrics: FontMetrics, options: ComposeOptions, size: number, build: boolean): Attempt {
  const page = new PageComposer(metrics, options, size, build);
  let y = page.header(text);
  y = page.titleAndPatient(text, y);
  if (text.note) y = page.note(text.note, y);
  if (text.urgent) y = page.urgent(text.urgent, y);
  const footer = page.footer(text.footer);
  const leftOver = page.body(text.sections, y, footer.top);
  page.blocks.push(footer.block);
  return { layout: page.layout(), leftOver };
}

class PageComposer {
  readonly blocks: Block[] = [];
  private readonly shapes: Shape[];
  private readonly page: { width: number; height: number };
  private readonly left = MARGIN.side;
  private readonly right: number;
  private readonly fullWidth: number;
  private logo?: LogoBox;

  constructor(
    private readonly metrics: FontMetrics,
    private readonly options: ComposeOptions,
    private readonly size: number,
    private readonly build: boolean,
  ) {
    this.page = PAGE_SIZES[options.paper];
    this.right = this.page.width - MARGIN.side;
    this.fullWidth = this.right - this.left;
    this.shapes = [{ kind: 'rect', x: 0, y: 0, w: this.page.width, h: 8, color: COLORS.accent }];
  }

  layout(): Layout {
    const { paper } = this.options;
    return { paper, width: this.page.width, height: this.page.height, bodySize: this.size, blocks: this.blocks, shapes: this.shapes, ...(this.logo && { logo: this.logo }) };
  }

  /** One paragraph, wrapped to its width; its lines only when building. */
  private paragraph(role: Block['role'], id: string, source: string, opts: ParagraphOptions): Placed {
    const lines: Line[] = [];
    let y = opts.y;
    for (const wrapped of wrapRich(source, opts.style, opts.width, opts.size, this.metrics, this.options.caches)) {
      const dx = opts.align === 'right' ? opts.width - wrapped.width : 0;
      if (this.build) lines.push({ y, size: opts.size, color: opts.color, width: wrapped.width, spaceAfter: wrapped.spaceAfter, x: opts.x + dx, spans: wrapped.spans });
      y += opts.size * LEADING;
    }
    return { block: { role, id, lines }, bottom: y };
  }

  /** Several sources one under the other, as one block (e.g. the clinic's contact lines). */
  private stacked(role: Block['role'], id: string, sources: string[], opts: ParagraphOptions): Placed {
    const block: Block = { role, id, lines: [] };
    let top = opts.y;
    for (const source of sources) {
      const p = this.paragraph(role, id, source, { ...opts, y: top });
      block.lines.push(...p.block.lines);
      top = p.bottom;
    }
    return { block, bottom: top };
  }

  /** Logo and clinic name left, contact lines right, a rule under them. Returns where the next part starts. */
  header(text: SheetText): number {
    const { size, left, right, fullWidth } = this;
    const y = MARGIN.top;
    const contactWidth = fullWidth * 0.5;
    const logo = this.options.logo ? logoBox(this.options.logo, left, y, size, fullWidth) : undefined;
    if (logo) this.logo = logo;
    const nameX = logo ? left + logo.width + size * 0.6 : left;
    const name = this.paragraph('Header', 'clinic-name', `\uE000${text.clinic.name}\uE000`, {
      x: nameX, y, width: right - contactWidth - 10 - nameX, size: size * 1.3, color: COLORS.accent,
    });
    const contact = this.stacked('Header', 'clinic-contact', text.clinic.lines, {
      x: right - contactWidth, y, width: contactWidth, size: size * 0.85, color: COLORS.muted, align: 'right',
    });
    this.blocks.push(name.block, contact.block);
    const ruleY = Math.max(name.bottom, contact.bottom, logo ? logo.y + logo.height : 0) + size * 0.3;
    this.shapes.push({ kind: 'rect', x: left, y: ruleY, w: fullWidth, h: 0.75, color: COLORS.accent });
    return ruleY + size * 0.6;
  }

  titleAndPatient(text: SheetText, y: number): number {
    const { size, left, fullWidth } = this;
    const title = this.paragraph('H1', 'title', text.title, { x: left, y, width: fullWidth, size: size * 1.6, color: COLORS.ink, style: 'bold' });
    this.blocks.push(title.block);
    const patient = this.stacked('P', 'patient', text.patient, { x: left, y: title.bottom + size * 0.15, width: fullWidth, size: size * 1.0, color: COLORS.ink });
    this.blocks.push(patient.block);
    return patient.bottom + size * 0.4;
  }

  /** The provider's note on a tint with an accent bar. */
  note(note: NonNullable<SheetText['note']>, y: number): number {
    const { size, left, fullWidth } = this;
    const pad = size * 0.5;
    const p = this.paragraph('Note', 'note', `\uE000${note.label}\uE000 ${note.text}`, {
      x: left + pad, y: y + pad * 0.8, width: fullWidth - 2 * pad, size, color: COLORS.ink, style: 'italic',
    });
    const h = p.bottom - y + pad * 0.5;
    this.shapes.push({ kind: 'rect', x: left, y, w: fullWidth, h, color: COLORS.tint }, { kind: 'rect', x: left, y, w: 3, h, color: COLORS.accent });
    this.blocks.push(p.block);
    return p.bottom + pad * 0.5 + size * 0.5;
  }

  /**
   * The clinic's own "call at once" text, full width in a box with a coloured border, set apart from
   * the instructions: "Urgent: <the clinic's words> After hours, call <phone>."
   */
  urgent(urgent: NonNullable<SheetText['urgent']>, y: number): number {
    const { size, left, fullWidth: width } = this;
    const pad = size * 0.4;
    const source = `\uE000${urgent.label}\uE000 ${urgent.text}${urgent.phone ? ` \uE000${urgent.phone}\uE000` : ''}`;
    const p = this.paragraph('Note', 'urgent', source, { x: left + pad + 2, y: y + pad * 0.8, width: width - 2 * pad - 2, size, color: COLORS.ink });
    const h = p.bottom - y + pad * 0.5;
    const line = 1.25;
    this.shapes.push(
      { kind: 'rect', x: left, y, w: width, h: line, color: COLORS.urgent },
      { kind: 'rect', x: left, y: y + h - line, w: width, h: line, color: COLORS.urgent },
      { kind: 'rect', x: left, y, w: 3, h, color: COLORS.urgent },
      { kind: 'rect', x: left + width - line, y, w: line, h, color: COLORS.urgent },
    );
    this.blocks.push(p.block);
    return y + h + size * 0.5;
  }

  /** The footer, anchored at the bottom, with a rule above it; `top` is where the body must end. */
  footer(source: string): { block: Block; top: number } {
    const { size, left, fullWidth } = this;
    const footerSize = Math.max(size * 0.8, 8);
    const footerY = this.page.height - MARGIN.bottom - footerSize * LEADING;
    const footer = this.paragraph('Footer', 'footer', source, { x: left, y: footerY, width: fullWidth, size: footerSize, color: COLORS.muted });
    this.shapes.push({ kind: 'rect', x: left, y: footerY - footerSize * 0.5, w: fullWidth, h: 0.5, color: COLORS.muted });
    return { block: footer.block, top: footerY - footerSize * 0.75 };
  }

  /**
   * The sections between `bodyTop` and `bodyBottom` (see flow). The same sections in the same place
   * at the same size come out the same: remembered per sections object (the text stage gives sheets
   * that say the same one object), so a day's patients with the same instructions share one body.
   */
  body(sections: SheetText['sections'], bodyTop: number, bodyBottom: number): string[] {
    const { bodies } = this.options.caches;
    let known = bodies.get(sections);
    if (!known) bodies.set(sections, (known = new Memo(BODIES_PER_SECTIONS)));
    const key = `${this.options.paper}|${this.size}|${bodyTop}|${bodyBottom}|${this.build}`;
    const body = known.get(key, () => {
      const start = this.blocks.length;
      const leftOver = this.flow(sections, bodyTop, bodyBottom);
      return { blocks: this.blocks.splice(start), leftOver };
    });
    this.blocks.push(...body.blocks);
    return body.leftOver;
  }

  /**
   * The sections, flowing down two columns from `bodyTop` to `bodyBottom`. A heading stays with its
   * first item; an item is never split across the columns (only one taller than a whole column
   * would be). Returns what did not fit.
   */
  private flow(sections: SheetText['sections'], bodyTop: number, bodyBottom: number): string[] {
    const { size, build } = this;
    const colWidth = (this.fullWidth - GUTTER) / 2;
    const lineHeight = size * LEADING;
    const headingSize = size * 1.15;
    const bulletIndent = size * 0.75;
    const itemGap = size * 0.15;
    const wrap = (source: string, style: Style | undefined, width: number, at: number) => wrapRich(source, style, width, at, this.metrics, this.options.caches);
    let col = 0;
    let cursor = bodyTop;
    const leftOver: string[] = [];
    const colX = () => this.left + col * (colWidth + GUTTER);
    const nextColumn = () => {
      if (col === 1) return false;
      col = 1;
      cursor = bodyTop;
      return true;
    };

    for (const section of sections) {
      if (section.items.length === 0) continue;
      const heading = wrap(section.heading, 'bold', colWidth, headingSize);
      const gap = () => (cursor === bodyTop ? 0 : size * 0.45);
      const headingHeight = heading.length * headingSize * LEADING + size * 0.1;
      // A heading stays with its whole first item (or the first two lines of an item taller than a column).
      const firstItem = wrap(section.items[0]!.text, undefined, colWidth - bulletIndent, size).length * lineHeight;
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
      this.blocks.push(h);

      for (const item of section.items) {
        const wrapped = wrap(item.text, undefined, colWidth - bulletIndent, size);
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
        this.blocks.push(block);
      }
    }
    return leftOver;
  }
}
