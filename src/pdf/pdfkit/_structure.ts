// The structure tree (the tags a screen reader follows), kept by the seam instead of by PDFKit's
// PDFStructureElement. PDFKit's elements check, flush and re-walk their children on every add and
// end, and look their page up in the parent tree for every marked sequence: a fifth of a sheet's
// time (in-process, interleaved: 2.3 against 3.0 ms a sheet with tagging left out). A sheet's tree
// is small and known whole before the page ends, so it is kept as plain objects and written once.
// The PDF says the same thing as PDFKit's would: each element a StructElem with /S, /P, /K (its
// MCIDs on the page, then its child elements, in the order they were added), /Pg, /Alt and a
// Layout /BBox; the page's /StructParents entry of the parent tree maps each MCID to its element.
import type { InternalDoc, PdfRef } from './_internals.js';

/** Alternative text, and the box (left, top, right, bottom from the page's top left) of a figure. */
export interface StructOptions {
  alt?: string;
  bbox?: [number, number, number, number];
}

/** One element; made by StructureTree.element, never directly. */
export class StructElement {
  /** In order: MCIDs on the page (numbers) and child elements. */
  readonly kids: Array<StructElement | number> = [];
  ref: PdfRef | null = null;

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
    for (const element of this.elements) element.ref = doc.ref();
    for (const element of this.elements) {
      const ref = element.ref!;
      ref.data = this.dictionary(element, treeRoot, page);
      ref.end();
    }
    treeRoot.data.K = [this.root.ref];
    if (this.owners.length) {
      // The page's key in the parent tree (PDFKit adds the page's /StructParents and an empty entry).
      const entry = doc.getStructTreeRoot().data.ParentTree.get(doc.page.structParentTreeKey);
      entry.push(...this.owners.map((owner) => owner.ref));
    }
  }

  private dictionary(element: StructElement, treeRoot: PdfRef, page: PdfRef): Record<string, unknown> {
    const data: Record<string, unknown> = { S: element.tag };
    const { alt, bbox } = element.options;
    // Strings as String objects: PDFKit writes them as PDF text (and encrypts them in a locked PDF).
    if (alt) data.Alt = new String(alt);
    if (bbox) {
      const height = this.doc.page.height;
      data.A = { O: 'Layout', Placement: 'Block', BBox: [bbox[0], height - bbox[3], bbox[2], height - bbox[1]] };
    }
    data.P = element.parent ? element.parent.ref : treeRoot;
    if (element.kids.some((k) => typeof k === 'number')) data.Pg = page;
    data.K = element.kids.map((k) => (typeof k === 'number' ? k : k.ref));
    return data;
  }
}
