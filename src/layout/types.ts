/** The three faces the sheet uses. */
export type Style = 'regular' | 'bold' | 'italic';

/** Font measurements the layout needs; the PDF stage provides them from the real font files. */
export interface FontMetrics {
  /** Advance width of `text` in thousandths of the font size. */
  widthOf(text: string, style: Style): number;
  /** Height above the baseline, in thousandths of the font size. */
  ascender: number;
}

export interface Span {
  /** From the line's x. */
  x: number;
  text: string;
  style: Style;
}

/**
 * One line of text; `y` is the top of the line box (PDFKit's convention), in points from the top.
 * Its spans are shared with every line wrapped the same way (never modify them), so each span's
 * x is relative to the line's.
 */
export interface Line {
  x: number;
  y: number;
  size: number;
  color: string;
  spans: Span[];
  /** Right edge for right-aligned lines, for tests and debugging. */
  width: number;
  /**
   * The line ends between words (or phrases). The PDF then carries a space after it, so text read
   * through the tags (screen readers, copy and paste) does not run the last word into the next line's.
   */
  spaceAfter: boolean;
}

/** The role a block plays, which becomes its tag in an accessible PDF. */
export type Role = 'H1' | 'H2' | 'P' | 'LI' | 'Note' | 'Header' | 'Footer';

export interface Block {
  role: Role;
  /** Rule id for instructions, or a name for fixed parts ("title", "patient", "footer"). */
  id: string;
  lines: Line[];
  /** List bullet drawn before the first line. */
  bullet?: { x: number; y: number; size: number; color: string };
}

/** Decorations that carry no meaning (artifacts in a tagged PDF). */
export interface Shape {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

/** Where the clinic's logo goes (top left of the header), in points from the top left. */
export interface LogoBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Layout {
  paper: 'letter' | 'a4';
  width: number;
  height: number;
  /** The body text size the fit chose, in points. */
  bodySize: number;
  blocks: Block[];
  shapes: Shape[];
  /** The clinic's logo, first in reading order, if the clinic has one. */
  logo?: LogoBox;
}
