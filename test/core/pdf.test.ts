import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { recognize, shutdown } from '../../src';
import { needsDrawingFacts, pageSource, textFacts } from '../../src/input/pdf/pageKind';
import { loadPdfjs, pdfjsAssets } from '../../src/input/pdf/pdfjs';
import { cer } from '../helpers/cer';
import { GENERATED, fixture, SHARED_DATA, hasSharedData } from '../helpers/paths';
import type { PdfFixture } from '../fixtures/pdf';

afterAll(() => shutdown());

const pdfs: PdfFixture[] = JSON.parse(readFileSync(path.join(GENERATED, 'pdf-manifest.json'), 'utf8'));

describe.each(pdfs.map((f) => [f.file, f] as const))('%s', (_name, fx) => {
  test('every page from the expected source, text exact where it is a text layer', async () => {
    const r = await recognize(fixture(fx.file), { languages: fx.languages, password: fx.password });
    expect(r.pages.map((p) => p.source)).toEqual(fx.pages.map((p) => p.source));
    expect(r.source.mimeType).toBe('application/pdf');
    const texts = r.text.split('\f');
    fx.pages.forEach((expected, i) => {
      if (expected.source === 'text-layer') expect(texts[i].split('\n')).toEqual(expected.lines);
      else expect(cer(expected.lines.join('\n'), texts[i])).toBeLessThanOrEqual(0.01);
      // geometry at 300 dpi: an A4 page is 2480 × 3508 pixels
      expect(r.pages[i].width).toBe(2480);
      expect(r.pages[i].height).toBe(3508);
      expect(r.pages[i].scale).toBeCloseTo(300 / 72, 5);
    });
  });
});

test('a text layer is read in milliseconds, with exact geometry', async () => {
  await recognize(fixture('pdf-text-en.pdf')); // pdfjs loaded
  const t0 = performance.now();
  const r = await recognize(fixture('pdf-text-en.pdf'));
  expect(performance.now() - t0).toBeLessThan(300);
  expect(r.engine).toBe('text-layer');
  const first = r.pages[0].lines[0];
  expect(first.confidence).toBe(1);
  // drawn at x = 56 pt, baseline 760 pt from the bottom, 13 pt: in 300-dpi pixels from the top
  expect(first.bbox.x).toBeCloseTo(56 * (300 / 72), -1);
  expect(first.bbox.y + 0.88 * 13 * (300 / 72)).toBeCloseTo((841.89 - 760) * (300 / 72), -1);
  expect(first.words.map((w) => w.text).slice(0, 2)).toEqual(['Invoice', 'number']);
});

test('text read without substitute font programs is the text read with them, on every PDF we have', async () => {
  // the reading document sets useSystemFonts (no substitute programs for fonts a PDF does not embed); its text,
  // positions and widths must be those of the drawing document, which loads them
  const pdfjs = await loadPdfjs();
  const files = [
    ...pdfs.filter((f) => !f.password).map((f) => fixture(f.file)),
    ...(hasSharedData
      ? ['AmazonWebServices', 'FlipkartInvoice', 'QualityHosting', 'coolblue1', 'free_fiber', 'saeco'].map((n) =>
          path.join(SHARED_DATA, 'invoice2data', `${n}.pdf`),
        )
      : []),
  ];
  const read = async (file: string, useSystemFonts: boolean) => {
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(readFileSync(file)),
      ...pdfjsAssets(),
      cMapPacked: true,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts,
      verbosity: 0,
    }).promise;
    const items = [];
    for (let p = 1; p <= doc.numPages; p++) items.push(...(await (await doc.getPage(p)).getTextContent()).items.map((i) => [i.str, i.transform, i.width]));
    await doc.destroy();
    return items;
  };
  let compared = 0;
  for (const file of files) {
    const withPrograms = await read(file, false);
    expect([file, await read(file, true)]).toEqual([file, withPrograms]);
    compared += withPrograms.length;
  }
  expect(compared).toBeGreaterThan(100);
}, 60_000);

describe('pdfMode', () => {
  test('text never OCRs: a scan gives empty pages', async () => {
    const r = await recognize(fixture('pdf-scan-zh.pdf'), { pdfMode: 'text' });
    expect(r.pages[0].source).toBe('text-layer');
    expect(r.text).toBe('');
  });
  test('ocr always OCRs, even a digital page', async () => {
    const r = await recognize(fixture('pdf-text-en.pdf'), { pdfMode: 'ocr', languages: 'eng' });
    expect(r.pages[0].source).toBe('ocr');
    expect(cer(readText('pdf-text-en.pdf'), r.text)).toBeLessThanOrEqual(0.01);
  });
  test('a page drawn for OCR shows text in fonts the PDF does not embed', async () => {
    // text is read from a document that loads no substitute font programs; a page that is drawn comes from the
    // drawing document, and its Helvetica text must be on the picture OCR reads. A stamp of under 20 characters
    // on an image: OCR'd.
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    const paper = await sharp({ create: { width: 60, height: 80, channels: 3, background: '#f4f4f0' } })
      .png()
      .toBuffer();
    page.drawImage(await doc.embedPng(paper), { x: 0, y: 0, width: 595.28, height: 841.89 });
    page.drawText('PAID 2024', { x: 80, y: 600, size: 48, font: await doc.embedFont(StandardFonts.Helvetica) });
    const r = await recognize(Buffer.from(await doc.save()), { languages: 'eng' });
    expect(r.pages[0].source).toBe('ocr');
    expect(r.text.trim()).toBe('PAID 2024');
  });
  test('pages selects PDF pages', async () => {
    const r = await recognize(fixture('pdf-mixed.pdf'), { pages: '2' });
    expect(r.pages.map((p) => [p.page, p.source])).toEqual([[2, 'ocr']]);
  });
});

describe('bad PDFs', () => {
  test('encrypted without a password → ENCRYPTED_PDF', async () => {
    await expect(recognize(fixture('pdf-encrypted.pdf'))).rejects.toMatchObject({ code: 'ENCRYPTED_PDF', message: expect.stringMatching(/password/) });
  });
  test('encrypted with a wrong password → ENCRYPTED_PDF saying so', async () => {
    await expect(recognize(fixture('pdf-encrypted.pdf'), { password: 'nope' })).rejects.toMatchObject({
      code: 'ENCRYPTED_PDF',
      message: expect.stringMatching(/wrong/),
    });
  });
  test('a header and nothing else → CORRUPT_INPUT', async () => {
    await expect(recognize(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<'))).rejects.toMatchObject({ code: 'CORRUPT_INPUT' });
  });
  test('a PDF cut in half → CORRUPT_INPUT or the pages that survive, never a crash', async () => {
    const bytes = readFileSync(fixture('pdf-mixed.pdf'));
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    const outcome = await recognize(cut, { languages: 'eng' }).then(
      (r) => r.pages.length,
      (e) => e.code,
    );
    expect([1, 2, 'CORRUPT_INPUT']).toContain(outcome);
  });
});

test("page facts rule: what is read from the layer and what is OCR'd", () => {
  const visible = { invisibleOnly: false, hasImage: false };
  expect(pageSource('auto', { ...textFacts(''), ...visible })).toBe('ocr');
  expect(pageSource('auto', { ...textFacts('Invoice number 42'), ...visible })).toBe('text-layer');
  expect(pageSource('auto', { ...textFacts('\ufffd\ufffd\ufffd\ufffd\ufffd x'), ...visible })).toBe('ocr');
  expect(pageSource('auto', { ...textFacts('Page 3'), invisibleOnly: false, hasImage: true })).toBe('ocr');
  expect(pageSource('auto', { ...textFacts('The quick brown fox jumps'), invisibleOnly: true, hasImage: true })).toBe('text-layer');
  expect(pageSource('auto', { ...textFacts('Th# q%#ck~br#wn f#x'), invisibleOnly: true, hasImage: true })).toBe('ocr');
  expect(pageSource('text', { ...textFacts(''), ...visible })).toBe('text-layer');
  expect(pageSource('ocr', { ...textFacts('Invoice'), ...visible })).toBe('ocr');
});

(hasSharedData ? describe : describe.skip)('real PDFs (../shared/data/invoice2data)', () => {
  test.each(['AmazonWebServices', 'FlipkartInvoice', 'QualityHosting', 'coolblue1', 'free_fiber', 'saeco'])(
    '%s: read from its text layer, with the invoice number in it',
    async (name) => {
      const expected = JSON.parse(readFileSync(path.join(SHARED_DATA, 'invoice2data', `${name}.json`), 'utf8'));
      const r = await recognize(path.join(SHARED_DATA, 'invoice2data', `${name}.pdf`));
      expect(r.engine).toBe('text-layer');
      expect(r.pages.every((p) => p.source === 'text-layer')).toBe(true);
      const invoiceNumber = String((Array.isArray(expected) ? expected[0] : expected).invoice_number ?? '');
      if (invoiceNumber) expect(r.text.replace(/\s/g, '')).toContain(invoiceNumber.replace(/\s/g, ''));
    },
  );
});

function readText(file: string): string {
  return pdfs.find((p) => p.file === file)!.pages[0].lines.join('\n');
}

test('drawing facts are only gathered when they can change the decision', () => {
  expect(needsDrawingFacts('auto', textFacts('Invoice number 42 dated 12 March 2024, total due'))).toBe(false);
  expect(needsDrawingFacts('auto', textFacts('Page 3'))).toBe(true);
  expect(needsDrawingFacts('auto', textFacts('Th# q%#ck~br#wn f#x j%mp% #v#r th# l#zy d#g'))).toBe(true);
  expect(needsDrawingFacts('ocr', textFacts('Page 3'))).toBe(false);
});
