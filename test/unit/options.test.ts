import { parseLanguages, parsePages, resolveOptions } from '../../src/options';

describe('page selection', () => {
  test('ranges, single pages and open ends', () => {
    const sel = parsePages('1-3,5, 8-');
    expect([1, 2, 3, 4, 5, 6, 7, 8, 100].map((p) => sel.includes(p))).toEqual([true, true, true, false, true, false, false, true, true]);
  });
  test('empty means every page', () => {
    expect(parsePages(undefined).all).toBe(true);
    expect(parsePages('').all).toBe(true);
    expect(parsePages([2, 4]).includes(4)).toBe(true);
  });
  test.each(['0', '3-1', 'a', '1,,2', '-2'])('rejects %p', (spec) => {
    expect(() => parsePages(spec)).toThrow(TypeError);
  });
});

describe('languages', () => {
  test('default is Chinese + English', () => {
    expect(parseLanguages(undefined)).toEqual(['chi_sim', 'eng']);
  });
  test('accepts + and , separators, removes duplicates', () => {
    expect(parseLanguages('eng, chi_tra+eng')).toEqual(['eng', 'chi_tra']);
  });
  test('rejects what is not installed', () => {
    expect(() => parseLanguages('klingon')).toThrow(/Unsupported OCR language "klingon"/);
  });
});

describe('resolveOptions', () => {
  test('defaults', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({ type: 'general', engine: 'auto', languages: ['chi_sim', 'eng'], timeoutMs: 120000, pdfMode: 'auto', detectOrientation: true });
  });
  test('bad values are refused with a message', () => {
    expect(() => resolveOptions({ engine: 'magic' as never })).toThrow(/Unknown engine "magic"/);
    expect(() => resolveOptions({ timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => resolveOptions({ pdfMode: 'x' as never })).toThrow(/pdfMode/);
  });
});
