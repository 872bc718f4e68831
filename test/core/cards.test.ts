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

  test('a card on a cluttered desk is found, levelled and read alone; a scan is read whole', async () => {
    const desk = await recognize(fixture('idcard-1-front-desk.jpg'), { type: 'id-card' });
    const located = desk.pages[0].located!;
    expect(located).toBeDefined();
    expect(Math.abs(located.angle - 8)).toBeLessThan(0.5); // the card was turned 8° on the desk
    expect(Math.abs(located.width / located.height - 1012 / 638)).toBeLessThan(0.03); // an ID-1 card's proportions
    expect(located.x).toBeGreaterThan(1000); // right of the form lying beside it
    // the form's 王小红 and 11010519491231002X are not read; the card's wrapped address is whole
    expect(desk.fields).toMatchObject({ name: '张伟明', idNumber: '440305198706151238', address: '广东省深圳市南山区科技园南区深南大道10000号18层' });
    const scan = await recognize(fixture('idcard-1-front.png'), { type: 'id-card' });
    expect(scan.pages[0].located).toBeUndefined();
    // a general read never cuts the photo
    const general = await recognize(fixture('idcard-1-front-desk.jpg'), { type: 'general' });
    expect(general.pages[0].located).toBeUndefined();
    expect(general.text).toContain('王小红');
  });

  test('a card photographed standing (the photo turned a quarter) is cut out standing and read whole', async () => {
    const sharp = (await import('sharp')).default;
    const standing = await sharp(fixture('idcard-1-front-desk.jpg')).rotate(90).jpeg({ quality: 85 }).toBuffer();
    const r = await recognize(standing, { type: 'id-card' });
    const located = r.pages[0].located!;
    expect(located.height).toBeGreaterThan(1.5 * located.width); // levelled, the card stands: its long side upright
    expect(Math.abs(located.angle - 8)).toBeLessThan(0.5);
    expect(r.fields).toMatchObject({ name: '张伟明', idNumber: '440305198706151238', address: '广东省深圳市南山区科技园南区深南大道10000号18层' });
  });

  test('a typed document without text is NO_TEXT_FOUND', async () => {
    const sharp = (await import('sharp')).default;
    const blank = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    await expect(recognize(blank, { type: 'id-card' })).rejects.toMatchObject({ code: 'NO_TEXT_FOUND' });
  });
});
