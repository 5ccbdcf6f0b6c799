// The structure tree (the tags a screen reader follows), kept by the seam instead of by PDFKit's
// PDFStructureElement, which checks, flushes and re-walks its children on every add and end, and
// looks its page up in the parent tree for every marked sequence. Tagging as a whole was a fifth of
// a sheet's time (2.3 against 3.0 ms a sheet with it left out); this tree took back 4-7% of a
// sheet, and writing elements as PDF text 2% more (in one process, alternating blocks). A sheet's
// tree is small and known whole before the page ends, so it is kept as plain objects and written
// once: an element with no text in it straight as PDF text, one with alternative text through
// PDFKit, which encrypts strings in a locked PDF.
// The PDF says the same thing as PDFKit's would: each element a StructElem with /S, /P, /K (its
// MCIDs on the page, then its child elements, in the order they were added), /Pg, /Alt and a
// Layout /BBox; the page's /StructParents entry of the parent tree maps each MCID to its element.
import type { InternalDoc, PdfRef } from './_internals.js';
import { rawPdf } from './_raw.js';

/** Alternative text, and the box (left, top, right, bottom from the page's top left) of a figure. */
export interface StructOptions {
  alt?: string;
  bbox?: [number, number, number, number];
}

/** One element; made by StructureTree.element, never directly. */
export class StructElement {
  /** In order: MCIDs on the page (numbers) and child elements. */
  readonly kids: Array<StructElement | number> = [];
  /** Its object number, once the tree is written. */
  id = 0;

  constructor(
    readonly tag: string,
    readonly parent: StructElement | null,
    readonly options: StructOptions,
  ) {}
}

export class StructureTree {
  /** Every element, in the order made (parents before their children). */
  private readonly elements: StructElement[] = [];
  /** The element that owns each MCID, by MCID. */
  private readonly owners: StructElement[] = [];
  readonly root: StructElement;

  constructor(
    private readonly doc: InternalDoc,
    rootTag: string,
  ) {
    this.root = new StructElement(rootTag, null, {});
    this.elements.push(this.root);
  }

  /** A new element, the last child of `parent`. */
  element(parent: StructElement, tag: string, options: StructOptions = {}): StructElement {
    const element = new StructElement(tag, parent, options);
    parent.kids.push(element);
    this.elements.push(element);
    return element;
  }

  /** Start a marked-content sequence owned by `element` (one more MCID); `end()` closes it. */
  begin(element: StructElement): void {
    const mcid = this.owners.length;
    this.owners.push(element);
    element.kids.push(mcid);
    // As PDFKit's markStructureContent writes it.
    this.doc.addContent(`/${element.tag} <<\n/MCID ${mcid}\n>> BDC`);
  }

  end(): void {
    this.doc.addContent('EMC');
  }

  /** Write every element, the parent tree and the root's entry; before doc.end(). */
  write(): void {
    const { doc } = this;
    const treeRoot = doc.getStructTreeRoot();
    const page = doc.page.dictionary;
    // Object numbers first (parents refer to their children and back); PDFKit's own for elements with text.
    const viaPdfkit = new Map<StructElement, PdfRef>();
    for (const element of this.elements) {
      if (element.options.alt) {
        const ref = doc.ref();
        viaPdfkit.set(element, ref);
        element.id = ref.id;
      } else {
        doc._offsets.push(null);
        element.id = doc._offsets.length;
      }
    }
    const refTo = (element: StructElement) => `${element.id} 0 R`;
    const pageRef = String(page);
    for (const element of this.elements) {
      const parent = element.parent ? refTo(element.parent) : String(treeRoot);
      const kids = element.kids.map((k) => (typeof k === 'number' ? String(k) : refTo(k)));
      const onPage = element.kids.some((k) => typeof k === 'number');
      const ref = viaPdfkit.get(element);
      if (ref) {
        ref.data = this.dictionary(element, rawPdf(treeRoot, parent), onPage ? page : null, rawPdf(treeRoot, `[${kids.join(' ')}]`));
        ref.end();
        continue;
      }
      // As PDFKit writes a dictionary: one entry a line.
      doc._offsets[element.id - 1] = doc._offset;
      doc._write(`${element.id} 0 obj`);
      doc._write(`<<\n/S /${element.tag}\n/P ${parent}\n${onPage ? `/Pg ${pageRef}\n` : ''}/K [${kids.join(' ')}]\n>>`);
      doc._write('endobj');
    }
    treeRoot.data.K = [rawPdf(treeRoot, refTo(this.root))];
    if (this.owners.length) {
      // The page's entry in the parent tree, under its key (PDFKit adds the page's /StructParents).
      treeRoot.data.ParentTree.add(doc.page.structParentTreeKey, rawPdf(treeRoot, `[${this.owners.map(refTo).join(' ')}]`));
    }
  }

  private dictionary(element: StructElement, parent: object, page: PdfRef | null, kids: object): Record<string, unknown> {
    const data: Record<string, unknown> = { S: element.tag };
    const { alt, bbox } = element.options;
    // A String object: PDFKit writes it as PDF text (and encrypts it in a locked PDF).
    if (alt) data.Alt = new String(alt);
    if (bbox) {
      const height = this.doc.page.height;
      data.A = { O: 'Layout', Placement: 'Block', BBox: [bbox[0], height - bbox[3], bbox[2], height - bbox[1]] };
    }
    data.P = parent;
    if (page) data.Pg = page;
    data.K = kids;
    return data;
  }
}
