import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { EXAMPLE_CONFIG, tempDir } from '../helpers/cli.js';

const SECRET = 'Secret-Horse-42';
const URL = `smtp://care:${SECRET}@smtp.example.com:587`;
const clinic = () => ({ ...JSON.parse(readFileSync(EXAMPLE_CONFIG, 'utf8')), logo: undefined });
const json = (config: object) => JSON.stringify(config, null, 2);

/** Eleven kinds of bad config that each carry the SMTP password; file name and text. */
const BAD: [string, string, () => string][] = [
  ['an unknown key beside the url', 'clinic.json', () => json({ ...clinic(), smtp: { url: URL, timeout: 30 } })],
  ['the url under a key spelt URL', 'clinic.json', () => json({ ...clinic(), smtp: { URL } })],
  ['the password under its own key', 'clinic.json', () => json({ ...clinic(), smtp: { url: 'smtp://care@smtp.example.com:587', password: SECRET } })],
  ['smtp as a string', 'clinic.json', () => json({ ...clinic(), smtp: URL })],
  ['url as a list', 'clinic.json', () => json({ ...clinic(), smtp: { url: [URL] } })],
  ['an unknown top-level key holding the url', 'clinic.json', () => json({ ...clinic(), smtpUrl: URL })],
  ['a JSON syntax error next to the url', 'clinic.json', () => json({ ...clinic(), smtp: { url: URL } }).replace(`"${URL}"`, `"${URL}",`)],
  ['a YAML indentation error', 'clinic.yaml', () => `name: Juniper Skin Studio\nphone: "(555) 014-2290"\ntimeZone: America/Los_Angeles\nsmtp:\n  url: ${URL}\n   maxConnections: 2\n`],
  ['a url that is not a URL', 'clinic.json', () => json({ ...clinic(), smtp: { url: `smtp//care:${SECRET}@smtp.example.com` } })],
  ['a url of another protocol', 'clinic.json', () => json({ ...clinic(), smtp: { url: `https://care:${SECRET}@smtp.example.com` } })],
  ['a password with a bad percent-encoding', 'clinic.json', () => json({ ...clinic(), smtp: { url: `smtp://care:${SECRET}%zz@smtp.example.com:587` } })],
];

describe('no error shows the SMTP password, whatever the config', () => {
  let printed: string[] = [];
  const io = { out: (s: string) => void printed.push(s), err: (s: string) => void printed.push(s) };

  it.each(BAD)('%s: rules check and generate fail (exit 3) without printing it', async (_what, name, text) => {
    const dir = tempDir();
    const config = join(dir, name);
    writeFileSync(config, text());
    const commands = [
      ['rules', 'check', '--config', config],
      ['rules', 'check', '--config', config, '--json'],
      ['generate', '--name', 'Ada Lindqvist', '--treatment', 'standard', '--date', '2026-11-23T14:30', '--out', join(dir, 'out'), '--config', config],
      ['generate', '--name', 'Ada Lindqvist', '--treatment', 'standard', '--date', '2026-11-23T14:30', '--out', join(dir, 'out'), '--config', config, '--json'],
    ];
    for (const argv of commands) {
      printed = [];
      const code = await main(argv, io);
      const output = printed.join('');
      expect(output, argv.join(' ')).not.toContain(SECRET);
      expect(output, argv.join(' ')).not.toContain('Secret');
      if (argv[0] === 'rules') expect(code, `${argv.join(' ')}\n${output}`).toBe(3);
      if (argv[0] === 'generate' && code !== 0) expect(code, output).toBe(3);
    }
  });
});
