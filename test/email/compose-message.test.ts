import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeMessage, type EmailRow } from '../../src/email/compose-message.js';
import { deliverAll } from '../../src/email/deliver-batch.js';
import { spawnCli, tempDir } from '../helpers/cli.js';
import { resources } from '../helpers/resources.js';
import { Resources } from '../../src/resources.js';
import { ROOT } from '../../src/paths.js';

const from = { name: 'Juniper Skin Studio', address: 'care@juniperskin.example' };
const row: EmailRow = {
  line: 3,
  name: "<b>O'Brien</b> & Söhne",
  email: 'obrien@example.com',
  language: 'en',
  treatment: 'aggressive',
  treatedAt: '2026-11-23T16:45:00.000-08:00',
  file: '/tmp/out/2026-11-23/2026-11-23_b-o-brien-b-sohne_aggressive.pdf',
};
const pdf = Buffer.from('%PDF-1.7 test');
const compose = (r: Partial<EmailRow> = {}) => composeMessage(resources, { ...row, ...r }, pdf, from, 'frontdesk@juniperskin.example', '<id@juniperskin.example>');

describe('composing the message', () => {
  it('is short and personal: name, treatment date, clinic phone; the PDF attached under a neutral name', () => {
    const m = compose();
    expect(m.to).toEqual({ name: row.name, address: row.email });
    expect(m.subject).toBe('Your aftercare instructions from Juniper Skin Studio');
    expect(m.text).toContain(`Hello <b>O'Brien</b> & Söhne,`);
    expect(m.text).toContain('Monday, November 23, 2026');
    expect(m.text).toContain('(555) 014-2290');
    expect(m.text.length).toBeLessThan(600);
    // Named by the date alone: an attachment's name shows without opening it (no name, no treatment).
    expect(m.attachments).toEqual([{ filename: 'aftercare_2026-11-23.pdf', content: pdf, contentType: 'application/pdf' }]);
  });

  it('escapes the values in the HTML body (our sheet Handlebars does not), so a name shows as typed', () => {
    const { html } = compose();
    expect(html).toContain('Hello &lt;b&gt;O&#x27;Brien&lt;/b&gt; &amp; Söhne,');
    expect(html).not.toContain('<b>O');
  });

  it('uses the date of the visit in its own zone, not the machine zone', () => {
    expect(compose({ treatedAt: '2026-11-23T23:30:00.000-08:00' }).text).toContain('Monday, November 23, 2026');
  });

  it('writes to a Spanish-speaking patient in Spanish, dates included', () => {
    const m = compose({ language: 'es', name: 'Valentina Ríos' });
    expect(m.subject).toBe('Tus cuidados después del tratamiento, de Juniper Skin Studio');
    expect(m.text).toContain('Hola, Valentina Ríos:');
    expect(m.text).toContain('lunes 23 de noviembre de 2026');
    expect(m.text).toContain('Llámanos al (555) 014-2290');
    expect(m.html).toContain('<html lang="es">');
  });

  it('falls back to the clinic language when the patient language has no email templates', () => {
    expect(compose({ language: 'xx' }).subject).toBe('Your aftercare instructions from Juniper Skin Studio');
  });

  it.each([
    ['name', { name: 'Eve\r\nBcc: victim@example.com' }, 'line 3: name'],
    ['name', { name: 'Eve\u0085Bcc' }, 'line 3: name'],
    ['email', { email: 'eve@example.com\nBcc: victim@example.com' }, 'line 3: email'],
    ['email', { email: 'eve@example.com, victim@example.com' }, 'line 3: email'],
    ['email', { email: 'Eve <eve@example.com>' }, 'line 3: email'],
  ])('refuses a control character or a list in the %s header (E_EMAIL naming the field)', (_f, change, path) => {
    expect(() => compose(change)).toThrow(expect.objectContaining({ code: 'E_EMAIL', path }));
  });

  it('gives the templates no clinical detail: a clinic template asking for the treatment is a set-up error', () => {
    const dir = tempDir('handout-email-tpl-');
    cpSync(join(ROOT, 'templates'), dir, { recursive: true });
    const path = join(dir, 'en', 'email.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), subject: 'Your {{treatmentLabel}} aftercare' }));
    const res = new Resources({ config: resources.paths.config, templatesDir: dir });
    expect(() => composeMessage(res, row, pdf, from, undefined, '<id@x>')).toThrow(expect.objectContaining({ code: 'E_TEMPLATE', message: expect.stringContaining('treatmentLabel') }));
  });

  it('refuses a sender name with a line break', () => {
    expect(() => composeMessage(resources, row, pdf, { ...from, name: 'Juniper\nBcc: x@example.com' }, undefined, '<id@x>')).toThrow(
      expect.objectContaining({ code: 'E_EMAIL' }),
    );
  });

});

describe('delivering (in process, to the outbox)', () => {
  it('reports a row with a header injection as rejected even when it got past validation, and delivers the rest', async () => {
    const out = tempDir();
    const file = join(out, 'sheet.pdf');
    writeFileSync(file, pdf);
    const good = { ...row, line: 1, name: 'Ada Lindqvist', email: 'ada@example.com', file };
    const bad = { ...good, line: 2, name: 'Eve\nBcc: victim@example.com', email: 'eve@example.com' };
    const warnings: string[] = [];
    const result = await deliverAll([good, bad], { resources, outDir: out, smtp: undefined, warn: (m) => warnings.push(m) });
    expect(result.via).toBe('outbox');
    expect(result.reports[0]).toMatchObject({ line: 1, status: 'outbox' });
    expect(result.reports[1]).toMatchObject({ line: 2, status: 'rejected', errors: [{ code: 'E_EMAIL', path: 'line 2: name' }] });
    const mail = await simpleParser(readFileSync(result.reports[0]!.detail));
    expect(mail.from?.value).toEqual([{ name: 'Juniper Skin Studio', address: 'care@juniperskin.example' }]);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value).toEqual([{ name: 'Ada Lindqvist', address: 'ada@example.com' }]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
  });
});
