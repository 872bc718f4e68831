import { readFileSync } from 'node:fs';
import { recognize, shutdown } from '../../src';
import { GENERATED, fixture } from '../helpers/paths';
import type { CardFixture } from '../fixtures/cards';
import path from 'node:path';

const cards = JSON.parse(readFileSync(path.join(GENERATED, 'card-manifest.json'), 'utf8')) as CardFixture[];

afterAll(() => shutdown());

describe('ID cards through the real engines', () => {
  test.each(cards.map((c) => [c.file, c] as const))('%s: every field exact, every check passing', async (_file, card) => {
    const r = await recognize(fixture(card.file), { type: 'id-card' });
    expect(r.type).toBe('id-card');
    expect(r.fields).toEqual(card.fields);
    expect(Object.values(r.checks).every(Boolean)).toBe(true);
    expect(Object.keys(r.checks).length).toBeGreaterThan(0);
    for (const [field, value] of Object.entries(card.fields)) {
      if (value !== null) expect(r.fieldConfidence[field]).toBeGreaterThan(0.8);
    }
    expect(r.warnings).toEqual([]);
  });

  test('type auto among the cards finds the ID card; a page of text falls back to general with a warning', async () => {
    const id = await recognize(fixture('idcard-1-front-photo.jpg'), { type: 'auto', candidates: ['id-card'] });
    expect(id.type).toBe('id-card');
    expect(id.fields.idNumber).toBe(cards.find((c) => c.file === 'idcard-1-front-photo.jpg')!.fields.idNumber);
    const text = await recognize(fixture('zh-wqy-34.png'), { type: 'auto', candidates: ['id-card'] });
    expect(text.type).toBe('general');
    expect(text.fields).toEqual({});
    expect(text.warnings).toContain('The document was not recognized as id-card, so only its text was read.');
  });

  test('a typed document without text is NO_TEXT_FOUND', async () => {
    const sharp = (await import('sharp')).default;
    const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#fff' } }).png().toBuffer();
    await expect(recognize(blank, { type: 'id-card' })).rejects.toMatchObject({ code: 'NO_TEXT_FOUND' });
  });
});
