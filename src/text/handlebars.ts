import Handlebars from 'handlebars';

/** Marks the start or end of bold text in rendered strings. A private-use character: users cannot type it (input validation refuses it). */
export const BOLD = '\uE000';

/** A compiled text template: data in, plain string (with BOLD markers) out. */
export type TextTemplate = (data: object) => string;

const hb = Handlebars.create();

/**
 * Compile once per process. PDF text is not HTML, so nothing is escaped (O'Brien stays O'Brien);
 * strict, so a misspelt variable is an error instead of a blank on a patient's sheet.
 * `**` in a template becomes the BOLD marker; `**` inside a patient's value stays literal text.
 */
export function compileText(source: string): TextTemplate {
  const compiled = hb.compile(source.split('**').join(BOLD), { noEscape: true, strict: true });
  return (data) => compiled(data);
}

/**
 * Strip bold markers, for plain-text output (plan JSON, email bodies, PDF metadata). No-break spaces
 * (in times: "2:30\u00a0PM", "6:30\u00a0p.\u202fm.") only matter for line breaking on the sheet;
 * plain text gets ordinary spaces.
 */
export const plain = (s: string): string => s.split(BOLD).join('').replace(/[\u00a0\u202f]/g, ' ');
