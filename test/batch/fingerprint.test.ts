import { describe, expect, it } from 'vitest';
import { resourcesFingerprint } from '../../src/batch/fingerprint.js';
import { Resources } from '../../src/resources.js';
import { clinicWith } from '../helpers/clinic.js';
import { chunk } from '../helpers/png-formats.js';
import { grainyLogoPng } from '../helpers/png.js';

const RENDERER = '/nonexistent/renderer.cjs';
const fingerprint = (logo: Buffer) => resourcesFingerprint(new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': logo }) }), RENDERER);

describe("the batch's fingerprint of what makes a sheet", () => {
  it('changes when the logo file changes, even where the copy every sheet embeds (scaled down) does not', () => {
    const logo = grainyLogoPng(1200);
    // The same pixels with a text chunk added after the header: another file, the same picture.
    const withNote = Buffer.concat([logo.subarray(0, 33), chunk('tEXt', Buffer.from('Comment\0exported again', 'latin1')), logo.subarray(33)]);
    const a = new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': logo }) });
    const b = new Resources({ config: clinicWith({ logo: 'logo.png' }, { 'logo.png': withNote }) });
    expect(a.clinic.logo!.sheetBytes.length).toBeLessThan(logo.length / 10);
    expect(a.clinic.logo!.sheetBytes.equals(b.clinic.logo!.sheetBytes)).toBe(true);
    expect(resourcesFingerprint(a, RENDERER)).not.toBe(resourcesFingerprint(b, RENDERER));
    expect(fingerprint(logo)).toBe(fingerprint(Buffer.from(logo)));
  });
});
