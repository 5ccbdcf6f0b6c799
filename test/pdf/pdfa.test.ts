import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HandoutError } from '../../src/errors.js';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { clinicWith } from '../helpers/clinic.js';
import { Name, PdfFile, Ref, type Dict, type Value } from '../helpers/pdf-objects.js';
import { cmykJpegHeader, logoPng } from '../helpers/png.js';
import { NOW, resources } from '../helpers/resources.js';

const visitRow = { name: "Zoë O'Brien", treatment: 'standard', date: '2026-11-23T14:30', language: 'es' };

async function archival(res: Resources, row: Record<string, string> = visitRow) {
  const visit = validateVisit(res, row, { now: NOW });
  return makeHandout(res, visit, { now: NOW, pdfa: true });
}

/** The XMP packet (PDFKit writes it uncompressed). */
function xmp(pdf: PdfFile): string {
  return pdf.stream(pdf.catalog.Metadata).toString('utf8');
}

function fonts(pdf: PdfFile): Dict[] {
  const page = pdf.dict((pdf.dict(pdf.catalog.Pages).Kids as Value[])[0]);
  return Object.values(pdf.dict(pdf.dict(page.Resources).Font)).map((f) => pdf.dict(f));
}

describe('the archival copy (PDF/A-2b)', () => {
  it('declares PDF/A-2b in its XMP metadata and carries the sRGB output intent', async () => {
    const handout = await archival(resources);
    const pdf = new PdfFile(handout.pdf);
    expect(handout.pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    const meta = xmp(pdf);
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toContain(`<rdf:li xml:lang="x-default">${handout.text.meta.title}</rdf:li>`);

    const intents = pdf.catalog.OutputIntents as Value[];
    expect(intents).toHaveLength(1);
    const intent = pdf.dict(intents[0]);
    expect((intent.S as Name).name).toBe('GTS_PDFA1');
    expect(intent.OutputConditionIdentifier).toBe('sRGB IEC61966-2.1');
    const profile = pdf.stream(intent.DestOutputProfile);
    expect(pdf.dict(intent.DestOutputProfile).N).toBe(3);
    expect(profile.toString('latin1', 36, 40)).toBe('acsp'); // an ICC profile's signature
  });

  it('embeds every font, has no encryption or scripts, mirrors Info in XMP, and stays tagged', async () => {
    const handout = await archival(resources);
    const pdf = new PdfFile(handout.pdf);
    for (const font of fonts(pdf)) {
      const descendant = pdf.dict((font.DescendantFonts as Value[])[0]);
      expect(pdf.dict(descendant.FontDescriptor).FontFile2).toBeInstanceOf(Ref);
      expect((descendant.CIDToGIDMap as Name).name).toBe('Identity');
    }
    expect(pdf.trailer.Encrypt).toBeUndefined();
    expect(handout.pdf.toString('latin1')).not.toMatch(/\/(JavaScript|JS|Launch)\b/);
    // PDFKit has no xmp:ModifyDate, so the Info dictionary must not have ModDate either.
    expect(pdf.dict(pdf.trailer.Info).ModDate).toBeUndefined();
    expect(pdf.dict(pdf.catalog.MarkInfo).Marked).toBe(true);
    expect(pdf.catalog.Lang).toBe('es');
  });

  it('escapes the XMP so a clinic named "Smith & Jones <Skin>" still gives well-formed metadata', async () => {
    const res = new Resources({ config: clinicWith({ name: 'Smith & Jones <Skin>' }) });
    const pdf = new PdfFile((await archival(res)).pdf);
    const meta = xmp(pdf);
    expect(meta).toContain('<rdf:li>Smith &amp; Jones &lt;Skin&gt;</rdf:li>');
    expect(meta.replace(/<\?xpacket[^>]*\?>/g, '')).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(pdf.resolve(pdf.dict(pdf.trailer.Info).Author)).toBe('Smith & Jones <Skin>');
  });

  it('keeps a logo with transparency (PDF/A-2 allows it)', async () => {
    const res = new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': logoPng() }) });
    const handout = await archival(res);
    expect(handout.layout.logo).toBeDefined();
    expect(handout.pdf.toString('latin1')).toContain('/SMask');
  });

  it('is refused, saying why, when the clinic logo is a CMYK JPEG', async () => {
    const res = new Resources({ config: clinicWith({ logo: 'logo.jpg' }, { 'logo.jpg': cmykJpegHeader() }) });
    const error = await archival(res).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HandoutError);
    expect((error as HandoutError).code).toBe('E_INPUT');
    expect((error as HandoutError).message).toMatch(/pdfa: .*CMYK JPEG.*sRGB/);
    expect((error as HandoutError).hint).toMatch(/RGB PNG or JPEG/);
  });

  it('makes a plain sheet without any PDF/A claim', async () => {
    const visit = validateVisit(resources, visitRow, { now: NOW });
    const pdf = new PdfFile((await makeHandout(resources, visit, { now: NOW })).pdf);
    expect(xmp(pdf)).not.toContain('pdfaid');
    expect(pdf.catalog.OutputIntents).toBeUndefined();
  });
});

describe('handout generate --pdfa (the real command)', () => {
  it('writes a PDF/A-2b file with the colour profile found next to the bundled code', async () => {
    const out = tempDir();
    const r = await runCli(['generate', '--name', 'Dana Reyes', '--treatment', 'standard', '--date', '2026-11-23T14:30', '--pdfa', '--out', out], { cwd: tempDir() });
    expect(r.stderr).not.toContain('error');
    expect(r.status).toBe(0);
    const pdf = new PdfFile(readFileSync(r.stdout.trim()));
    expect(xmp(pdf)).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(pdf.stream(pdf.dict((pdf.catalog.OutputIntents as Value[])[0]).DestOutputProfile).length).toBeGreaterThan(1000);
  });

  it('refuses --pdfa with a CMYK logo, naming the flag and the logo, and writes nothing', async () => {
    const out = tempDir();
    const config = clinicWith({ logo: 'logo.jpg' }, { 'logo.jpg': cmykJpegHeader() });
    const r = await runCli(['generate', '--name', 'Dana Reyes', '--treatment', 'standard', '--pdfa', '--config', config, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--pdfa');
    expect(r.stderr).toContain('logo.jpg');
    expect(r.stderr).toContain('CMYK');
    expect(readdirSync(out)).toEqual([]);
  });
});
