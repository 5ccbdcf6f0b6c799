import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';

/**
 * One PDF of many (the day's "Print all": one print job), pages in the order given. pdf-lib copies
 * the pages as they are; the tags of each sheet are not carried over (the single sheets keep
 * theirs: this file is for the printer).
 */
export async function mergePdfs(files: readonly string[], title: string): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  out.setTitle(title);
  out.setProducer('handout');
  for (const file of files) {
    const doc = await PDFDocument.load(await readFile(file));
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
  }
  return out.save();
}
