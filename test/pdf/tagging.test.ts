import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { plain } from '../../src/load/handlebars.js';
import { clinicWith } from '../helpers/clinic.js';
import { flatten, Name, pageContent, PdfFile, Ref, structTree, type Dict, type StructNode, type Value } from '../helpers/pdf-objects.js';
import { logoPng } from '../helpers/png.js';
import { NOW } from '../helpers/resources.js';

// A clinic with a logo (an RGBA PNG), so the Figure is there too.
const resources = new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': logoPng() }) });

async function sheet(language: string, paper: 'letter' | 'a4' = 'letter') {
  const visit = validateVisit(
    resources,
    { name: "Zoë O'Brien", treatment: 'aggressive', date: '2026-11-23T13:30', area: 'Cheeks and under-eye', concern: 'Acne scarring', note: 'Use the balm we gave you twice a day.', language },
    { now: NOW },
  );
  const handout = await makeHandout(resources, visit, { now: NOW, paper });
  return { handout, pdf: new PdfFile(handout.pdf) };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.each(['en', 'es'])('the tagged PDF, in %s', (language) => {
  it('is marked as tagged, says its language and shows its title in the title bar', async () => {
    const { handout, pdf } = await sheet(language);
    const catalog = pdf.catalog;
    expect(pdf.dict(catalog.MarkInfo).Marked).toBe(true);
    expect(catalog.Lang).toBe(language);
    expect(pdf.dict(catalog.ViewerPreferences).DisplayDocTitle).toBe(true);
    expect(pdf.resolve(pdf.dict(pdf.trailer.Info).Title)).toBe(handout.text.meta.title);
    expect((pdf.dict(catalog.StructTreeRoot).Type as Name).name).toBe('StructTreeRoot');
  });

  it('has Document > Figure, clinic P, P, H1, patient P, note P, urgent P, then H2 and L per section, then the footer P', async () => {
    const { handout, pdf } = await sheet(language);
    const tree = structTree(pdf);
    expect(tree.map((n) => n.tag)).toEqual(['Document']);
    const doc = tree[0]!;
    const sections = handout.text.sections;
    expect(doc.kids.map((n) => n.tag)).toEqual(['Figure', 'P', 'P', 'H1', 'P', 'P', 'P', ...sections.flatMap(() => ['H2', 'L']), 'P']);
    expect(doc.kids[0]!.alt).toBe('Juniper Skin Studio logo');

    const lists = doc.kids.filter((n) => n.tag === 'L');
    lists.forEach((list, i) => {
      expect(list.kids).toHaveLength(sections[i]!.items.length);
      for (const item of list.kids) {
        expect(item.tag).toBe('LI');
        expect(item.kids.map((k) => k.tag)).toEqual(['Lbl', 'LBody']);
      }
    });
  });

  it('holds the sheet text in reading order: title, headings and every instruction', async () => {
    const { handout, pdf } = await sheet(language);
    const content = pageContent(pdf);
    const textOf = (n: StructNode) => squash(n.mcids.map((id) => content.text.get(id) ?? '').join(' '));
    const doc = structTree(pdf)[0]!;
    const { text } = handout;

    expect(textOf(doc.kids.find((n) => n.tag === 'H1')!)).toBe(plain(text.title));
    expect(doc.kids.filter((n) => n.tag === 'H2').map(textOf)).toEqual(text.sections.map((s) => s.heading));
    const bodies = flatten(doc.kids).filter((n) => n.tag === 'LBody').map((n) => textOf(n.node));
    expect(bodies).toEqual(text.sections.flatMap((s) => s.items.map((i) => squash(plain(i.text)))));
    expect(flatten(doc.kids).filter((n) => n.tag === 'Lbl').every((n) => textOf(n.node) === '•')).toBe(true);
    expect(textOf(doc.kids[1]!)).toBe('Juniper Skin Studio');
    expect(textOf(doc.kids[4]!)).toContain("Zoë O'Brien");
    expect(textOf(doc.kids[5]!)).toContain('Use the balm we gave you twice a day.');
    expect(textOf(doc.kids.at(-1)!)).toBe(squash(plain(text.footer)));

    // Structure order = drawing order, and every marked sequence belongs to exactly one element.
    const treeOrder = flatten(doc.kids).flatMap((n) => n.node.mcids);
    expect(treeOrder).toEqual(content.order);
  });

  it('links the tree both ways: each element to its parent and page, each marked sequence back to its element', async () => {
    const { pdf } = await sheet(language);
    const catalog = pdf.catalog;
    const treeRoot = catalog.StructTreeRoot as Ref;
    const pageRef = (pdf.dict(catalog.Pages).Kids as Value[])[0] as Ref;
    const page = pdf.dict(pageRef);
    const parentTree = pdf.dict(pdf.dict(treeRoot).ParentTree);
    const nums = parentTree.Nums as Value[];
    // One page: one entry, under the page's own key, listing the owner of MCID 0, 1, 2, ...
    expect(nums).toHaveLength(2);
    expect(nums[0]).toBe(page.StructParents);
    const owners = (pdf.resolve(nums[1]) as Ref[]).map((r) => r.num);

    let elements = 0;
    const mcidsSeen: number[] = [];
    const walk = (ref: Ref, parent: Ref) => {
      elements++;
      const element = pdf.dict(ref);
      expect((element.P as Ref).num).toBe(parent.num);
      const kids = (Array.isArray(element.K) ? element.K : [element.K]) as Value[];
      const mcids = kids.filter((k): k is number => typeof k === 'number');
      if (mcids.length) expect((element.Pg as Ref).num).toBe(pageRef.num);
      for (const mcid of mcids) {
        expect(owners[mcid]).toBe(ref.num);
        mcidsSeen.push(mcid);
      }
      for (const kid of kids) if (kid instanceof Ref) walk(kid, ref);
    };
    for (const kid of pdf.dict(treeRoot).K as Ref[]) walk(kid, treeRoot);
    expect(elements).toBeGreaterThan(40);
    expect(mcidsSeen.sort((a, b) => a - b)).toEqual(owners.map((_, i) => i));

    // The logo's Figure says where it is on the page (a Layout attribute, in PDF coordinates).
    const figure = pdf.dict((pdf.dict((pdf.dict(treeRoot).K as Ref[])[0]).K as Value[]).find((k) => k instanceof Ref && (pdf.dict(k).S as Name).name === 'Figure'));
    const layout = pdf.dict(figure.A) as Dict;
    expect((layout.O as Name).name).toBe('Layout');
    const [x0, y0, x1, y1] = layout.BBox as number[];
    expect(x1! - x0!).toBeGreaterThan(0);
    expect(y1! - y0!).toBeGreaterThan(0);
    expect(y1!).toBeLessThanOrEqual(page.MediaBox ? ((page.MediaBox as number[])[3] as number) : 792);
  });

  it('marks every decoration as an artifact and leaves nothing untagged', async () => {
    const { handout, pdf } = await sheet(language);
    const content = pageContent(pdf);
    expect(content.untagged).toEqual([]);
    // The accent bar, the header rule, the note's tint and bar, the footer rule.
    expect(content.artifacts).toBe(handout.layout.shapes.length);
  });
});

it('tags A4 sheets the same way', async () => {
  const { handout, pdf } = await sheet('es', 'a4');
  expect(handout.layout.paper).toBe('a4');
  expect(structTree(pdf)[0]!.kids.filter((n) => n.tag === 'H2')).toHaveLength(handout.text.sections.length);
});
