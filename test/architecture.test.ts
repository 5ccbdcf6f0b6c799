import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

// The dependency rules of .dependency-cruiser.cjs: no cycles, stages import only the stages below
// them, only src/pdf/pdfkit/ touches PDFKit, src/ never loads bin/.
const config = createRequire(resolve('package.json'))(resolve('.dependency-cruiser.cjs')) as {
  forbidden: object[];
  options: { exclude: { path: string } };
};

async function violations(baseDir: string): Promise<string[]> {
  const previous = process.cwd();
  process.chdir(baseDir);
  try {
    const result = await cruise(['src'], {
      validate: true,
      ruleSet: { forbidden: config.forbidden } as never,
      doNotFollow: { path: 'node_modules' },
      tsPreCompilationDeps: true,
      exclude: config.options.exclude,
    });
    const output = result.output as ICruiseResult;
    return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`);
  } finally {
    process.chdir(previous);
  }
}

describe('dependencies', () => {
  it('follow the rules in src/', async () => {
    expect(await violations(process.cwd())).toEqual([]);
  });

  const tmp = mkdtempSync(join(tmpdir(), 'handout-deps-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const file = (path: string, text: string) => {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), text);
  };

  it('are refused when a stage imports one above it, imports form a cycle, or PDFKit is reached outside the seam', async () => {
    symlinkSync(resolve('node_modules'), join(tmp, 'node_modules'));
    file('src/schema/visit.ts', "import { send } from '../email/send.js';\nexport const visit = send;\n");
    file('src/email/send.ts', 'export const send = 1;\n');
    file('src/text/a.ts', "import { b } from './b.js';\nexport const a = () => b;\n");
    file('src/text/b.ts', "import { a } from './a.js';\nexport const b = () => a;\n");
    file('src/pdf/draw.ts', "import PDFDocument from 'pdfkit';\nexport const doc = PDFDocument;\n");
    file('src/pdf/pdfkit/index.ts', "import PDFDocument from 'pdfkit';\nexport const seam = PDFDocument;\n");
    const found = await violations(tmp);
    expect(found).toContain('layer-schema: src/schema/visit.ts -> src/email/send.ts');
    expect(found.some((v) => v.startsWith('no-circular: src/text/'))).toBe(true);
    expect(found.filter((v) => v.startsWith('pdfkit-only-through-the-seam'))).toEqual([
      expect.stringMatching(/^pdfkit-only-through-the-seam: src\/pdf\/draw\.ts -> .*node_modules\/(@types\/)?pdfkit\//),
    ]);
  });
});
