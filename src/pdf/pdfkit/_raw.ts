/**
 * PDF text that PDFKit copies into a dictionary as it is: PDFKit writes any reference object
 * through its toString(), so a value dressed as one (given any PDFKit reference to copy the
 * prototype from) is written verbatim.
 */
export function rawPdf(reference: object, text: string): object {
  return new (rawClass(reference))(text);
}

type RawClass = new (text: string) => object;
let Raw: RawClass | undefined;

/** A class whose prototype inherits from PDFKit's reference class, made once (cheaper per object than Object.create with a descriptor). */
function rawClass(reference: object): RawClass {
  if (Raw) return Raw;
  const made = class {
    constructor(readonly text: string) {}
    toString(): string {
      return this.text;
    }
  };
  Object.setPrototypeOf(made.prototype, Object.getPrototypeOf(Object.getPrototypeOf(reference)) as object);
  return (Raw = made);
}
