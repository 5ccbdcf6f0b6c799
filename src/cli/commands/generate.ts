import { insideFolder, writeAtomic } from '../../deliver/write-atomic.js';
import { makeHandout, validateVisit } from '../../handout.js';
import { createContext, parsePaper } from '../context.js';
import { flagName, visitFromFlags, type VisitFlags } from '../visit-flags.js';

export interface GenerateFlags extends VisitFlags {
  out: string;
  pdfa?: boolean;
}

/** `handout generate`: one sheet, written atomically; returns its path. */
export async function generate(flags: GenerateFlags, warn: (m: string) => void): Promise<{ file: string }> {
  const ctx = createContext(flags.config, warn);
  const paper = parsePaper(flags.paper);
  const visit = validateVisit(ctx.resources, visitFromFlags(flags), { now: ctx.now, fieldName: flagName });
  const handout = await makeHandout(ctx.resources, visit, { now: ctx.now, fieldName: flagName, pdfa: flags.pdfa ?? false, ...(paper && { paper }) });
  const file = insideFolder(flags.out, handout.fileName);
  writeAtomic(file, handout.pdf);
  return { file };
}
