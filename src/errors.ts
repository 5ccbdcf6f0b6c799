/**
 * Every failure the user can fix is a HandoutError: a code, a message naming the bad value,
 * and a hint saying what would be accepted. Only the CLI entry point turns them into output
 * and exit codes (see src/cli/exit-codes.ts).
 */
export type ErrorCode =
  | 'E_INPUT' // a visit's field is wrong (CLI flag, CSV cell, form field)
  | 'E_CONFIG' // the clinic config file is missing or wrong
  | 'E_RULES' // a rule file is wrong
  | 'E_TEMPLATE' // a template is missing, broken, or uses an unknown variable
  | 'E_INSTALL' // the installation is wrong (e.g. a PDFKit version the renderer was not written for)
  | 'E_OVERFLOW' // the content cannot fit on one page at a readable size
  | 'E_GLYPH' // the font cannot draw a character
  | 'E_IO' // a file could not be read or written
  | 'E_EMAIL'; // an email could not be sent, or a value cannot go into an email header

export interface ErrorDetails {
  /** Which field, file or rule the error is about, e.g. "--date" or "rules/protocol.json#cleanse.from". */
  path?: string;
  /** What would be accepted / what to do next. */
  hint?: string;
}

export class HandoutError extends Error {
  readonly code: ErrorCode;
  readonly path?: string;
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'HandoutError';
    this.code = code;
    if (details.path !== undefined) this.path = details.path;
    if (details.hint !== undefined) this.hint = details.hint;
  }

  toJSON(): { code: ErrorCode; message: string; path?: string; hint?: string } {
    return { code: this.code, message: this.message, path: this.path, hint: this.hint };
  }
}

/** Several problems found at once (e.g. every bad field of one visit). */
export class HandoutErrors extends HandoutError {
  readonly errors: HandoutError[];
  constructor(errors: HandoutError[]) {
    const first = errors[0];
    super(first?.code ?? 'E_INPUT', errors.map((e) => e.message).join('\n'), {
      ...(first?.path !== undefined ? { path: first.path } : {}),
      ...(first?.hint !== undefined ? { hint: first.hint } : {}),
    });
    this.errors = errors;
  }
}

export const isHandoutError = (e: unknown): e is HandoutError => e instanceof HandoutError;

/** Quote a user value for a message, shortened so a huge field does not flood the terminal. */
export function quote(value: unknown, max = 60): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > max ? `"${clean.slice(0, max)}…" (${s.length} characters)` : `"${clean}"`;
}
