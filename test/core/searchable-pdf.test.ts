import { recognize, shutdown, makeSearchablePdf, OcrError } from '../../src';
import { fixture } from '../helpers/paths';

afterAll(() => shutdown());

describe('searchable PDF: the scan with an invisible text layer', () => {
  test.each([
    ['en-sans-30.png', 'eng'],
    ['en-rot90.png', 'eng'],
    ['zh-wqy-34.png', 'chi_sim+eng'],
    ['pdf-scan-zh.pdf', 'chi_sim+eng'],
  ])('%s: read back from its text layer, the same text at the same places', async (file, languages) => {
    const { pdf, result } = await makeSearchablePdf(fixture(file), { languages });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const back = await recognize(pdf, { pdfMode: 'text' });
    expect(back.pages.map((p) => p.source)).toEqual(result.pages.map(() => 'text-layer'));
    expect(back.text).toBe(result.text);
    // the first word sits where it was recognized, within a few pixels of the page as read
    const want = result.pages[0].lines[0].words[0].bbox;
    const got = back.pages[0].lines[0].words[0].bbox;
    expect(Math.abs(got.x - want.x)).toBeLessThan(result.pages[0].width * 0.01);
    expect(Math.abs(got.y + got.height - (want.y + want.height))).toBeLessThan(want.height * 0.5);
  });

  test('a page that already carries its text (an OFD text layer) is refused with UNSUPPORTED_FORMAT', async () => {
    await expect(makeSearchablePdf(fixture('ofd-text.ofd'))).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    await expect(makeSearchablePdf(fixture('ofd-text.ofd'))).rejects.toBeInstanceOf(OcrError);
  });
});
