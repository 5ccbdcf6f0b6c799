import { join } from 'node:path';
import { insideFolder, writeAtomic } from '../deliver/write-atomic.js';
import type { ComposedMessage } from './compose-message.js';

export const OUTBOX = 'outbox';

/**
 * Write the message as a standard .eml file (RFC 5322, what any mail program opens) under
 * `<out>/outbox/`, atomically. The name is stable for a delivery, so a rerun replaces the file
 * instead of adding a second copy. Returns the path.
 */
export async function writeOutbox(outDir: string, fileName: string, message: ComposedMessage): Promise<string> {
  // Loaded on use, from node_modules, like the SMTP transport.
  const MailComposer = require('nodemailer/lib/mail-composer') as typeof import('nodemailer/lib/mail-composer').default;
  const eml = await new MailComposer(message).compile().build();
  const path = insideFolder(join(outDir, OUTBOX), fileName);
  writeAtomic(path, eml);
  return path;
}
