import Handlebars from 'handlebars';
import Runtime from 'handlebars/runtime';
import { Memo } from '../memo.js';
import { PRECOMPILED } from './precompiled-templates.js';

/** Marks the start or end of bold text in rendered strings. A private-use character: users cannot type it (input validation refuses it). */
export const BOLD = '\uE000';

/** A compiled text template: data in, plain string (with BOLD markers) out. */
export type TextTemplate = (data: object) => string;

/**
 * A compiled template that also says which top-level data fields it can read (null: it may read
 * anything), so a caller can remember its output per value of those fields.
 */
export type ReadingTemplate = TextTemplate & { readonly reads: ReadonlySet<string> | null };

/**
 * PDF text is not HTML, so nothing is escaped (O'Brien stays O'Brien); strict, so a misspelt
 * variable is an error instead of a blank on a patient's sheet. The build precompiles with the same.
 */
export const TEXT_OPTIONS = { noEscape: true, strict: true } as const;

// The runtime renders templates precompiled at build time. The compiler is made only for a
// template the build did not see (in the bundle, `handlebars` itself is a lazy stand-in,
// scripts/lazy-modules.mjs: a cold `generate` never loads it).
const runtime = Runtime.create();
let compiler: typeof Handlebars | undefined;
const hb = () => (compiler ??= Handlebars.create());

// While set, every text compileText is given (textsCompiledBy, for the build).
let compiling: Set<string> | undefined;

/** The texts `load` compiles, bold-marked as compileText sees them: what `npm run build` precompiles. */
export function textsCompiledBy(load: () => void): string[] {
  compiling = new Set();
  try {
    load();
    return [...compiling];
  } finally {
    compiling = undefined;
  }
}

/** `**` in a template becomes the BOLD marker (`**` inside a patient's value stays literal text). */
export const markBold = (source: string): string => source.split('**').join(BOLD);

/** The first name of every path in the template ("clinic" for {{clinic.phone}}); null for {{.}}, {{../x}}, {{@root.x}} and the like. */
export function fieldsRead(ast: hbs.AST.Program): string[] | null {
  const reads = new Set<string>();
  let everything = false;
  const visit = (node: unknown): void => {
    if (everything || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const n = node as { type?: string; parts?: string[]; depth?: number; data?: boolean };
    if (n.type === 'PathExpression') {
      // @index, @key and the like come from what the block iterates (read already); @root is the whole data.
      if (n.data) {
        if (n.parts?.[0] === 'root') everything = true;
        return;
      }
      if (!n.parts?.length || n.depth) everything = true;
      else reads.add(n.parts[0]!);
      return;
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(ast);
  return everything ? null : [...reads];
}

/**
 * Compile once per process (with TEXT_OPTIONS); a bundled template was compiled by the build
 * already. Throws on a template Handlebars cannot parse.
 */
export function compileText(source: string): ReadingTemplate {
  const marked = markBold(source);
  compiling?.add(marked);
  const pre = PRECOMPILED.get(marked);
  if (pre) {
    const template = runtime.template(pre.spec);
    return Object.assign((data: object) => template(data), { reads: pre.reads && new Set(pre.reads) });
  }
  const env = hb();
  const reads = fieldsRead(env.parse(marked));
  const compiled = env.compile(marked, TEXT_OPTIONS);
  return Object.assign((data: object) => compiled(data), { reads: reads && new Set(reads) });
}

/**
 * Strip bold markers, for plain-text output (plan JSON, email bodies, PDF metadata). No-break spaces
 * (in times: "2:30\u00a0PM", "6:30\u00a0p.\u202fm.") only matter for line breaking on the sheet;
 * plain text gets ordinary spaces.
 */
export const plain = (s: string): string => s.split(BOLD).join('').replace(/[\u00a0\u202f]/g, ' ');

/**
 * The same template with its output remembered per value of the fields it reads: a day's sheets
 * repeat the same dates, times and labels many times over, and each Handlebars call sets up its
 * helpers anew. Templates that may read anything are left as they are. The memo belongs to the
 * template, which belongs to the loaded rules or language pack, which Resources holds.
 */
export function remembered(template: ReadingTemplate): ReadingTemplate {
  const reads = template.reads && [...template.reads];
  if (!reads) return template;
  const memo = new Memo<string, string>(2_000);
  const run = (data: object) => {
    const values = data as Record<string, unknown>;
    // JSON keeps values apart ("null" from null) and escapes the separator.
    const key = reads.map((f) => JSON.stringify(values[f]) ?? 'undefined').join('\0');
    return memo.get(key, () => template(data));
  };
  return Object.assign(run, { reads: template.reads });
}
