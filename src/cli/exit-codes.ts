import type { ErrorCode } from '../errors.js';

/** Documented in README.md ("Exit codes"); scripts rely on them, so never renumber. */
export const EXIT = {
  ok: 0,
  internal: 1,
  input: 2,
  setup: 3,
  content: 4,
  io: 5,
  someRowsRejected: 6,
  someEmailsFailed: 7,
  /** `handout batch` could not go on: the appointments file is unusable or sheets cannot be written. */
  batchStopped: 8,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'E_INPUT':
      return EXIT.input;
    case 'E_CONFIG':
    case 'E_RULES':
    case 'E_TEMPLATE':
    case 'E_INSTALL':
      return EXIT.setup;
    case 'E_OVERFLOW':
    case 'E_GLYPH':
      return EXIT.content;
    case 'E_IO':
      return EXIT.io;
    case 'E_EMAIL':
      return EXIT.someEmailsFailed;
  }
}
