import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { readPdf } from '../helpers/pdf.js';
import { clinicWithProtocol } from '../helpers/protocol.js';
import { NOW } from '../helpers/resources.js';

// Instruction texts that read only their dates are made once per process and reused (the text
// stage's memo); texts that read the patient, the area or the treatment must never be reused
// for another visit, however alike their dates.
const { config } = clinicWithProtocol({
  'protocol.json': {
    rules: [
      { id: 'no-sunscreen', text: { en: '**{{patient.name}}, skip sunscreen until {{until}}.**' } },
      { id: 'cleanse', text: { en: 'Wash your {{area}} from {{from}}.' } },
      { id: 'cold-compress', section: 'today', until: { hours: 48 }, text: { en: '**Until {{until}},** a cool cloth may ease the heat.' } },
    ],
  },
});
// One process, one Resources: every sheet below goes through the same memo.
const resources = new Resources({ config });

async function sheetText(fields: Record<string, string>) {
  const visit = validateVisit(resources, { treatment: 'standard', date: '2026-11-23T14:30', ...fields } as never, { now: NOW });
  return (await readPdf((await makeHandout(resources, visit, { now: NOW })).pdf)).flat;
}

describe('instruction texts made once', () => {
  it("keep each patient's own name and area, at the same time on the same day", async () => {
    const first = await sheetText({ name: 'Dana Reyes', area: 'Neck' });
    const second = await sheetText({ name: 'Wren Okafor', area: 'Forehead' });
    expect(first).toContain('Dana Reyes, skip sunscreen until 2:30 PM on Tuesday, November 24.');
    expect(first).toContain('Wash your Neck from 6:30 PM today.');
    expect(second).toContain('Wren Okafor, skip sunscreen until 2:30 PM on Tuesday, November 24.');
    expect(second).toContain('Wash your Forehead from 6:30 PM today.');
    expect(second).not.toContain('Dana Reyes');
    expect(second).not.toContain('Neck');
  });

  it('follow their own dates: the same rule for another day says that day', async () => {
    const monday = await sheetText({ name: 'Dana Reyes', area: 'Neck', date: '2026-11-23T14:30' });
    const friday = await sheetText({ name: 'Dana Reyes', area: 'Neck', date: '2026-11-27T09:00' });
    expect(monday).toContain('Until 2:30 PM on Wednesday, November 25, a cool cloth may ease the heat.');
    expect(friday).toContain('Until 9:00 AM on Sunday, November 29, a cool cloth may ease the heat.');
    expect(friday).not.toContain('Wednesday, November 25');
  });
});
