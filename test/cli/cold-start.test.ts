import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, ROOT, spawnCli, tempDir } from '../helpers/cli.js';

// What keeps a cold `handout generate` quick (docs/architecture.md, "Cold start"), checked on the built command.
describe('the built command starts cold without what it does not use', () => {
  it('a generate loads no Node module it has no use for (commander would load child_process, and with it net and dgram)', async () => {
    const dir = tempDir();
    const list = join(dir, 'loaded.txt');
    const preload = join(dir, 'list-loaded.cjs');
    writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(list)}, process.moduleLoadList.join('\\n')));`);
    const r = await spawnCli(['generate', '--name', 'Maya Okonkwo', '--treatment', 'standard', '--date', '2026-11-23T14:30', '--config', EXAMPLE_CONFIG, '--out', dir], {
      env: { NODE_OPTIONS: `--require ${preload}` },
    });
    expect(r.stderr).toBe('');
    const loaded = readFileSync(list, 'utf8').split('\n');
    expect(loaded).toContain('NativeModule zlib'); // the PDF's compression: the list is the whole process's
    expect(loaded.filter((m) => /child_process|dgram/.test(m))).toEqual([]);
  });

  it('the CLI bundle holds only the parts of zod the schemas use (`import * as z`: not its error messages in forty languages)', () => {
    const { sources } = JSON.parse(readFileSync(join(ROOT, 'dist', 'handout.cjs.map'), 'utf8')) as { sources: string[] };
    expect(sources.some((s) => s.includes('zod/v4/classic/schemas'))).toBe(true);
    expect(sources.filter((s) => /zod\/v4\/locales\/(?!en\.js|index\.js)/.test(s))).toEqual([]);
  });

  it("the CLI's and the batch workers' bundles are ASCII, which bin/code-cache.js reads without decoding UTF-8", () => {
    // esbuild escapes other characters in strings, not in html`` templates: the server's pages write them as entities.
    expect(isAscii(readFileSync(join(ROOT, 'dist', 'batch-worker.cjs')))).toBe(true);
    expect(isAscii(readFileSync(join(ROOT, 'dist', 'handout.cjs')))).toBe(true);
  });
});
