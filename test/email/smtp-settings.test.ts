import { describe, expect, it } from 'vitest';
import { ClinicSmtp } from '../../src/schema/clinic.js';
import { redactUrl, smtpSettings } from '../../src/email/smtp-settings.js';
import { classifyFailure } from '../../src/email/classify-failure.js';

const defaults = ClinicSmtp.parse({});
const settings = (url: string | undefined, env: Record<string, string> = {}) => smtpSettings({ ...defaults, ...(url && { url }) }, env, 'clinic.json');

describe('SMTP settings', () => {
  it.each([
    ['smtp://mail.example.com', { host: 'mail.example.com', port: 587, secure: false, display: 'smtp://mail.example.com' }],
    ['smtp://care%40clinic.example:p%40ss%3Aword@mail.example.com:2525', { port: 2525, auth: { user: 'care@clinic.example', pass: 'p@ss:word' }, display: 'smtp://care%40clinic.example:****@mail.example.com:2525' }],
    ['smtps://user:secret@mail.example.com', { port: 465, secure: true, display: 'smtps://user:****@mail.example.com' }],
    ['smtp://user@127.0.0.1:25', { host: '127.0.0.1', auth: { user: 'user', pass: '' }, display: 'smtp://user@127.0.0.1:25' }],
  ])('reads %s', (url, expected) => {
    expect(settings(url)).toMatchObject(expected);
  });

  it('takes HANDOUT_SMTP_URL over the config, and nothing means the outbox', () => {
    expect(settings('smtp://config.example', { HANDOUT_SMTP_URL: 'smtp://env.example:26' })).toMatchObject({ host: 'env.example', port: 26 });
    expect(settings(undefined)).toBeUndefined();
    expect(settings(undefined, { HANDOUT_SMTP_URL: '  ' })).toBeUndefined();
  });

  it.each(['http://user:hunter2@mail.example.com', 'smtp://user:hunter2@', 'user:hunter2@mail.example.com', 'smtp://user:hunter2%zz@mail.example.com'])(
    'refuses %s without showing the password',
    (url) => {
      let error: unknown;
      try {
        settings(undefined, { HANDOUT_SMTP_URL: url });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'E_CONFIG', path: 'HANDOUT_SMTP_URL' });
      expect(JSON.stringify(error) + String((error as Error).message)).not.toContain('hunter2');
    },
  );

  it('redacts passwords in any text', () => {
    expect(redactUrl('failed: smtp://a:b@c:25 and smtps://x:y%40z@h')).toBe('failed: smtp://a:****@c:25 and smtps://x:****@h');
  });
});

describe('classifying SMTP failures', () => {
  const t = { timeoutMs: 2000 };
  it.each([
    ['550 at RCPT TO', { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 No such user' }, { temporary: false, server: false, reason: 'the server refused the recipient: 550 No such user' }],
    ['552 message too big', { code: 'EMESSAGE', responseCode: 552, response: '552 Too big' }, { temporary: false, server: false }],
    ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503, response: '503 Bad sequence' }, { temporary: true }],
    ['450 greylisted', { code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO', response: '450 Try later' }, { temporary: true, server: false }],
    ['421 closing', { code: 'EENVELOPE', responseCode: 421, response: '421 Busy' }, { temporary: true, server: true }],
    ['refused login', { code: 'EAUTH', responseCode: 535, response: '535 Invalid' }, { temporary: false, server: true, reason: 'the server refused the login: 535 Invalid' }],
    ['no login given', { code: 'ENOAUTH' }, { temporary: false, server: true }],
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, { temporary: true, server: true, reason: 'connection failed: ECONNREFUSED' }],
    ['connection dropped', { code: 'ECONNECTION', message: 'Connection closed' }, { temporary: true, server: true, reason: 'connection failed: the server closed the connection' }],
    ['timeout', { code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }, { temporary: true, server: true, reason: 'timed out: no answer from the server within 2s' }],
    ['TLS failure', { code: 'ETLS', message: 'certificate has expired' }, { temporary: false, server: true }],
  ])('%s', (_name, error, expected) => {
    expect(classifyFailure(error, t)).toMatchObject(expected);
  });
});

describe('redaction edge cases', () => {
  it.each([
    ['user:hunter2@mail.example.com', 'user:****@mail.example.com'],
    ['smtp://u:p@ss@host:25', 'smtp://u:****@host:25'],
    ['smtp://host:25', 'smtp://host:25'],
    ['Invalid login: 535 refused for a@b.example', 'Invalid login: 535 refused for a@b.example'],
  ])('%s', (text, expected) => expect(redactUrl(text)).toBe(expected));
});
