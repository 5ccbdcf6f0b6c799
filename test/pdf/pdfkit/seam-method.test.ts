import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../../src/handout.js';
import { seamMethod } from '../../../src/pdf/pdfkit/_seam-method.js';
import { readPdf } from '../../helpers/pdf.js';
import { NOW, resources } from '../../helpers/resources.js';

// V8's gc(), with its young-generation-only variant, without starting the test runner with --expose-gc.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
setFlagsFromString('--no-expose-gc');

/** Bytes in the old generation (where objects that outlive young-generation GCs end up). */
const oldGeneration = () =>
  getHeapSpaceStatistics()
    .filter((s) => s.space_name !== 'new_space' && s.space_name !== 'new_large_object_space')
    .reduce((sum, s) => sum + s.space_used_size, 0);

const name = (i: number) => `Maya Okonkwo ${String.fromCharCode(65 + (i % 26))}${i}`;
const visit = (i: number) =>
  validateVisit(resources, { name: name(i), treatment: i % 2 ? 'standard' : 'aggressive', date: '2026-11-23T14:30', note: i % 3 ? undefined : `Note ${i}` }, { now: NOW });

describe('seamMethod', () => {
  it('calls the method with the object and the leading arguments fixed', () => {
    const add = function (this: { base: number }, step: number, times: number) {
      return this.base + step * times;
    };
    const bound = seamMethod(add, { base: 10 }, 3);
    expect(bound(4)).toBe(22);
  });

  // A sheet allocates a few hundred KB that should die young. Each of the seam's per-document
  // overrides used to be a closure stored into a PDFKit object's property, which (in Node 20's V8)
  // kept the whole document alive through young-generation GCs: ~110 KB a sheet was promoted to
  // the old generation, to be marked and swept by full GCs. Bound functions do not do that.
  it("does not let a finished sheet's document outlive young-generation GCs", { timeout: 60_000 }, async () => {
    for (let i = 0; i < 50; i++) await makeHandout(resources, visit(i), { now: NOW });
    gc();
    const sheets = 100;
    let last: Buffer | undefined;
    for (let i = 0; i < sheets; i++) {
      last = (await makeHandout(resources, visit(1000 + i), { now: NOW })).pdf;
      await new Promise(setImmediate);
      gc({ type: 'minor' });
      gc({ type: 'minor' });
    }
    const afterYoungGcs = oldGeneration();
    gc();
    const promotedGarbage = (afterYoungGcs - oldGeneration()) / sheets;
    // The sheets were real ones.
    expect((await readPdf(last!)).flat).toContain(name(1000 + sheets - 1));
    // Measured: ~17 KB a sheet with bound overrides, ~114 KB with closures.
    expect(promotedGarbage).toBeLessThan(50_000);
  });
});
