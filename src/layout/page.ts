/** Page sizes in PDF points (1/72 inch). */
export const PAGE_SIZES = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.28, height: 841.89 },
} as const;

/** Page margins in points. */
export const MARGIN = { side: 30, top: 24, bottom: 20 } as const;

/** Sizes the fit may choose from: a readable maximum down to the smallest we allow (10 pt: issue 5). */
export const BODY_SIZE = { max: 12.5, min: 10, step: 0.25 } as const;

export const COLORS = {
  ink: '#1d1d1f',
  muted: '#45474a',
  accent: '#0b5960',
  tint: '#e9f3f3',
  /** The border of the clinic's urgent box (with its own label, so colour is not the only sign). */
  urgent: '#a3262a',
} as const;
