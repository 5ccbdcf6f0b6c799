/**
 * A function to put on one PDFKit object in place of its own method: `method` with `this` (and
 * any leading arguments) fixed. Each document's overrides are made with this, never as closures:
 * in Node 20's V8, a closure stored into an object's property keeps all it closes over alive
 * through every young-generation GC until the next full one. A closure over a document promoted
 * the whole document, about 110 KB a sheet, and the full GCs that then cleaned up were a tenth of
 * a sheet's time. A bound function does not do that (test/pdf/pdfkit/seam-method.test.ts).
 */
export function seamMethod<T, A extends unknown[], R>(method: (this: T, ...args: A) => R, self: T): (...args: A) => R;
export function seamMethod<T, B, A extends unknown[], R>(method: (this: T, bound: B, ...args: A) => R, self: T, bound: B): (...args: A) => R;
export function seamMethod(method: (...args: unknown[]) => unknown, self: unknown, ...bound: unknown[]): (...args: unknown[]) => unknown {
  return method.bind(self, ...bound);
}
