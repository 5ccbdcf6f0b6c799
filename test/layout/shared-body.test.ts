import { describe, expect, it } from 'vitest';
import { makeHandout, validateVisit } from '../../src/handout.js';
import { Resources } from '../../src/resources.js';
import { readPdf } from '../helpers/pdf.js';
import { clinicWithProtocol } from '../helpers/protocol.js';
import { NOW } from '../helpers/resources.js';

// Sheets that say the same instructions share one laid-out body, and its drawn text, between
// documents of one process (the text stage hands them one sections object; the layout and the
// text writer remember per object). What each sheet shows must still be its own.
const { config } = clinicWithProtocol({
  'protocol.json': {
    // Greek and a Polish letter are outside the base characters every document numbers alike.
    rules: [{ id: 'cold-compress', section: 'today', until: { hours: 48 }, text: { en: '**Until {{until}},** a cool cloth (ψυχρό, zimny okład) may ease the heat.' } }],
  },
});
const resources = new Resources({ config });

async function sheet(fields: Record<string, string>) {
  const visit = validateVisit(resources, { treatment: 'standard', date: '2026-11-23T14:30', ...fields } as never, { now: NOW });
  const handout = await makeHandout(resources, visit, { now: NOW });
  return { handout, text: (await readPdf(handout.pdf)).flat };
}

const bodyTop = (h: Awaited<ReturnType<typeof sheet>>['handout']) => Math.min(...h.layout.blocks.filter((b) => b.role === 'LI').flatMap((b) => b.lines.map((l) => l.y)));

describe('a body shared between sheets', () => {
  it('starts below each sheet\'s own header: a note pushes it down, and the next sheet without one has it back up', async () => {
    const plain = await sheet({ name: 'Dana Reyes' });
    const noted = await sheet({ name: 'Wren Okafor', note: 'Skin looked calm today. Use the gentle cleanser we gave you, and call us if the redness lasts past Friday.' });
    const again = await sheet({ name: 'Maya Lindqvist' });
    const noteBottom = Math.max(...noted.handout.layout.blocks.find((b) => b.role === 'Note')!.lines.map((l) => l.y + l.size));
    expect(bodyTop(noted.handout)).toBeGreaterThan(noteBottom);
    expect(bodyTop(noted.handout)).toBeGreaterThan(bodyTop(plain.handout));
    expect(bodyTop(again.handout)).toBe(bodyTop(plain.handout));
    for (const s of [plain, noted, again]) expect(s.text).toContain('Until 2:30 PM on Wednesday, November 25, a cool cloth (ψυχρό, zimny okład) may ease the heat.');
  });

  it('reads right whatever glyphs the patient\'s name adds to a document first', async () => {
    // Each name brings letters the document numbers before the instruction's own Greek and Polish ones.
    for (const name of ['Ωmega Żak', 'Łukasz Φώτης', 'Ǆemal Ŋgu', 'Dana Reyes']) {
      const { text } = await sheet({ name });
      expect(text).toContain(`For ${name}`);
      expect(text).toContain('a cool cloth (ψυχρό, zimny okład) may ease the heat.');
    }
  });
});
