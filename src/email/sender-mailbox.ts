import { HandoutError } from '../errors.js';
import type { Clinic } from '../schema/clinic.js';
import type { Mailbox } from './compose-message.js';

/** Used in outbox messages when the config names no sender; `.invalid` can never be delivered to. */
export const PLACEHOLDER_FROM = 'no-reply@example.invalid';

/**
 * The clinic is the sender: From is `email.name` (default: the clinic's name) and `email.from`,
 * Reply-To is `email.replyTo`. Sending by SMTP needs `email.from`; the outbox makes do without.
 */
export function senderMailbox(clinic: Clinic, bySmtp: boolean, configSource: string): { from: Mailbox; replyTo?: string; placeholder: boolean } {
  const email = clinic.email;
  if (!email && bySmtp) {
    throw new HandoutError('E_CONFIG', `${configSource}: email.from is missing: the clinic config must say which address the emails come from`, {
      path: `${configSource}: email.from`,
      hint: 'Add "email": { "from": "care@your-clinic.example", "replyTo": "frontdesk@your-clinic.example" } to the clinic config.',
    });
  }
  return {
    from: { name: email?.name ?? clinic.name, address: email?.from ?? PLACEHOLDER_FROM },
    ...(email?.replyTo !== undefined && { replyTo: email.replyTo }),
    placeholder: !email,
  };
}
