import { HandoutError, quote } from '../errors.js';
import { isEmailAddress } from '../schema/email-address.js';

// C0 and C1 control characters, DEL included: a CR or LF in a header value would end the header
// and let the rest of the value add headers (Bcc:) or a body of its own.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Refuse a value that goes into a mail header if it holds a line break or any control character. */
export function assertHeaderSafe(field: string, value: string): void {
  if (CONTROL.test(value)) {
    throw new HandoutError('E_EMAIL', `${field}: ${quote(value)} contains a line break or another control character, which cannot go into an email header`, {
      path: field,
      hint: 'Remove the line break (or tab) from the value; nothing was sent for it.',
    });
  }
}

/** A recipient address: header-safe and shaped like one address. */
export function assertEmailAddress(field: string, value: string): void {
  assertHeaderSafe(field, value);
  if (!isEmailAddress(value)) {
    throw new HandoutError('E_EMAIL', `${field}: ${quote(value)} is not an email address`, {
      path: field,
      hint: 'Use one address like name@example.com.',
    });
  }
}
