import type { Resources } from '../resources.js';
import { composeMessage } from './compose-message.js';

/** Render each language's email (first and update, unlocked and locked with key dates) for a sample patient: a broken template fails here. */
export function checkEmailTemplates(resources: Resources): void {
  const from = { name: resources.clinic.clinic.name, address: 'care@clinic.example' };
  for (const language of resources.languages) {
    const row = { name: 'Sample Patient', email: 'patient@example.com', language, treatment: 'standard', treatedAt: '2026-11-23T14:30:00.000Z', file: 'sample.pdf' };
    for (const update of [false, true]) composeMessage(resources, row, Buffer.alloc(0), from, undefined, '<sample@clinic.example>', { update });
    // And a locked sheet with its key dates in words, in both date orders (the email's other branches).
    for (const passwordPattern of ['MMDDYYYY', 'DDMMYYYY']) {
      const parts = { pdf: Buffer.alloc(0), locked: true, passwordPattern, ics: '', keyDates: [{ when: 'Monday, November 23', what: 'A sample moment' }] };
      composeMessage(resources, row, parts, from, undefined, '<sample@clinic.example>');
    }
  }
}
