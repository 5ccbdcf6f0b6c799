import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf.js';
import { inProcess } from '../helpers/server.js';

// The one list of areas and concerns (rules/areas-and-concerns.json) is what the checkout form offers.
const terms = JSON.parse(readFileSync(join(__dirname, '..', '..', 'rules', 'areas-and-concerns.json'), 'utf8')) as Record<'areas' | 'concerns', { id: string; label: { en: string } }[]>;

describe('the checkout form\'s area and concern choices', async () => {
  const s = await inProcess();

  it('are every area and concern of the data file, in the clinic\'s language', async () => {
    const page = await (await s.request('/')).text();
    const offered = (list: string) => [...(new RegExp(`<datalist id="${list}">(.*?)</datalist>`, 's').exec(page)?.[1] ?? '').matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]!.replace(/&#39;/g, "'").replace(/&amp;/g, '&'));
    expect(offered('areas')).toEqual(terms.areas.map((a) => a.label.en));
    expect(offered('concerns')).toEqual(terms.concerns.map((c) => c.label.en));
  });

  it('a chosen concern reaches its advice on the sheet', async () => {
    const aging = terms.concerns.find((c) => c.id === 'aging')!.label.en;
    const res = await s.json('/api/previews', { name: 'Dana Reyes', treatment: 'standard', date: '2026-11-23T14:30', concern: aging });
    expect((await readPdf(new Uint8Array(await res.arrayBuffer()))).flat).toMatch(/LED/);
  });
});
