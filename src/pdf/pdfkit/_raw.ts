/**
 * PDF text that PDFKit copies into a dictionary as it is: PDFKit writes any reference object
 * through its toString(), so a value dressed as one (given any PDFKit reference to copy the
 * prototype from) is written verbatim.
 */
export function rawPdf(reference: object, text: string): object {
  return Object.create(Object.getPrototypeOf(Object.getPrototypeOf(reference)) as object, { toString: { value: () => text } });
}
