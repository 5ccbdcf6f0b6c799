import * as z from 'zod';

/**
 * For a command that validates one visit and exits (`generate`, `plan`): zod otherwise compiles a
 * fast path (with \`new Function\`) for every object schema on its first parse, which costs more
 * than the handful of parses it would speed up. Not for the batch or the server, which parse
 * thousands of rows with the same schemas.
 */
export function oneShotValidation(): void {
  z.config({ jitless: true });
}
