import { BatchStopped } from '../batch/batch-stopped.js';
import { HandoutErrors, isHandoutError, type ErrorCode, type HandoutError } from '../errors.js';

/** One problem as the API gives it: the field as the JSON key (or null), the value sent, what is wrong, what to do. */
export interface ApiError {
  field: string | null;
  value?: unknown;
  message: string;
  hint?: string;
  code: string;
}

export type ErrorStatus = 400 | 409 | 413 | 422 | 500 | 502;

/** HTTP status per error code, as src/cli/exit-codes.ts maps them to exit codes. */
export function statusFor(code: ErrorCode | string, e?: unknown): ErrorStatus {
  switch (code) {
    case 'E_INPUT':
    case 'E_GLYPH':
    case 'E_OVERFLOW':
      return 422; // the user can fix the input
    case 'E_EMAIL':
      return 502; // the mail server (or the address) refused
    case 'E_IO':
      return e instanceof BatchStopped ? 422 : 500;
    default:
      return 500; // E_CONFIG, E_RULES, E_TEMPLATE: the set-up, not the request
  }
}

/**
 * A HandoutError as API errors. `values` gives each field's value as sent (a message already
 * quotes it, shortened; scripts get it whole). Set-up and I/O errors keep their message (it names
 * a file of the clinic's, not a patient's data) but lose their path.
 */
export function apiErrors(e: HandoutError, values: Record<string, unknown> = {}): ApiError[] {
  const list = e instanceof HandoutErrors ? e.errors : [e];
  return list.map((x) => {
    const field = x.path !== undefined && Object.hasOwn(values, x.path) ? x.path : null;
    return {
      field,
      ...(field !== null && { value: values[field] }),
      message: x.message,
      ...(x.hint !== undefined && { hint: x.hint }),
      code: x.code,
    };
  });
}

/** Any thrown value as a status and a body that is safe to show (an unexpected error's message may hold patient data). */
export function errorResponse(e: unknown, values: Record<string, unknown> = {}): { status: ErrorStatus; body: { errors: ApiError[] } } {
  if (isHandoutError(e)) {
    const status = statusFor(e.code, e);
    if (status === 500 && e.code === 'E_IO') {
      // writeError's reason (the disk is full, read-only...) names the folder, never the sheet's file (it holds the patient's name).
      const prefix = e.path === undefined ? undefined : `cannot write ${e.path}: `;
      const reason = prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length).split(e.path!).join('the file') : /: (E[A-Z]+)$/.exec(e.message)?.[1];
      return { status, body: { errors: [{ field: null, message: `a file could not be written in the output folder${reason ? ` (${reason})` : ''}`, hint: 'Check that the output folder exists and may be written to; the server log has no details (they name files).', code: e.code }] } };
    }
    return { status, body: { errors: apiErrors(e, values) } };
  }
  return { status: 500, body: { errors: [{ field: null, message: 'internal error', hint: 'Please report it; run the server with HANDOUT_DEBUG=1 for details in its log.', code: 'E_INTERNAL' }] } };
}
