/**
 * The direct text reader (src/input/pdf/direct) against pdf.js: for pages drawn in fonts with predefined
 * Unicode CMaps, both must give the same lines (text exact, boxes within a pixel or two), the same page size
 * and the same text-or-OCR decision, over the operators, matrices, rotations and forms writers use. Word
 * boxes may differ: the direct reader knows each glyph's position, pdf.js's items spread their width evenly.
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import { recognize, shutdown } from '../../src';
import { openPdf } from '../../src/input/pdf/document';
import { openDirectPdf } from '../../src/input/pdf/direct/directPdf';
import { DIRECT_FONT_MARKERS } from '../../src/input/pdf/direct/fonts';
import { worthParsing } from '../../src/input/pdf/direct/worthParsing';
import { resolveOptions } from '../../src/options';
import type { Line } from '../../src/result';
import { chineseFont } from '../fixtures/pdf';
import { fixture, hasSharedData, SHARED_DATA } from '../helpers/paths';

afterAll(() => shutdown());

const A4: [number, number] = [595.28, 841.89];

/** `<…>`: text as UTF-16BE hex, as a content stream writes it */
function hex(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${out}>`;
}

/** `(…)`: the same bytes as a literal string, every byte an octal escape or itself */
function literal(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    for (const b of [code >> 8, code & 0xff]) {
      out += b >= 0x30 && b <= 0x7a && b !== 0x5c ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`;
    }
  }
  return `(${out})`;
}

/** The operators writers use, each on a line of its own so that a reader error shows as a missing line. */
const KITCHEN_SINK = [
  '% a comment, then the page',
  'BT /F1 12 Tf 56 780 Td ' + hex('发票代码：044031900111 Code') + ' Tj ET',
  // a label and its value in one TJ, a column apart; a small kern; a gap of a third of an em (a space)
  'BT /F1 11 Tf 56 750 Td [' + hex('发票号码：') + ' -4000 ' + hex('12345') + ' 30 ' + hex('678') + ' -330 ' + hex('90') + '] TJ ET',
  // character and word spacing, horizontal scaling and rise
  'BT /F1 10 Tf 2 Tc 4 Tw 80 Tz 3 Ts 56 720 Td ' + hex('开票日期 2024年11月20日') + ' Tj 0 Tc 0 Tw 100 Tz 0 Ts ET',
  // a text matrix that scales, with a smaller font size
  'BT /F1 7 Tf 2 0 0 2 56 690 Tm ' + literal('金额合计 ¥1,234.56') + ' Tj ET',
  // the current transformation matrix halves everything, inside q/Q
  'q 0.5 0 0 0.5 28 320 cm BT /F1 24 Tf 0 0 Td ' + hex('购买方名称：北京星辰科技有限公司') + ' Tj ET Q',
  // leading, T*, the quote operators (the last sets word and character spacing, put back after it)
  'BT /F1 10 Tf 14 TL 56 620 Td ' + hex('第一行 line one') + ' Tj T* ' + hex('第二行') + " ' 1 0.5 " + hex('第三行 third') + ' " 0 Tw 0 Tc ET',
  // TD sets the leading too
  'BT /F1 10 Tf 56 560 Td 0 -12 TD ' + hex('税额 Tax') + ' Tj T* ' + hex('价税合计') + ' Tj ET',
  // a form with its own matrix and resources
  'q 1 0 0 1 300 0 cm /Fm1 Do Q',
  // an inline image, whose data holds bytes that look like operators
  'q 20 0 0 20 400 780 cm BI /W 2 /H 2 /BPC 8 /CS /G ID \x00BT\xff\x10 EI Q',
  // a string with a run of spaces inside a word gap; text in white is text all the same
  'BT 1 1 1 rg /F1 10 Tf 56 480 Td ' + hex('收款人：  张三   复核：李四') + ' Tj ET',
  // text above the page's top edge: not on the page, not in its text
  'BT /F1 10 Tf 56 870 Td ' + hex('页面以外') + ' Tj ET',
].join('\n');

/**
 * Where the two readers differ, on purpose: character spacing is part of a glyph's advance here, so letter-spaced
 * text stays one word (pdf.js reads a gap of a tenth of an em between letters as a space: "开 票 日 期").
 */
const DIRECT_ONLY = ['开票日期 2024年11月20日'];

/** Content drawn so that it reads upright on a page with /Rotate (scaled to fit the page turned sideways). */
const UPRIGHT: Record<number, string> = {
  0: '1 0 0 1 0 0',
  90: '0 0.7 -0.7 0 595.28 0',
  180: '-0.7 0 0 -0.7 595.28 841.89',
  270: '0 -0.7 0.7 0 0 841.89',
};

const FORM = 'BT /F2 9 Tf 10 400 Td ' + hex('销售方：上海云帆信息技术有限公司') + ' Tj ET';

async function kitchenSink(opts: { rotate?: number; cropBox?: number[]; split?: boolean; compressed?: boolean } = {}): Promise<{ bytes: Buffer }> {
  const doc = await PDFDocument.create();
  const page = doc.addPage(A4);
  const font = chineseFont(doc, true);
  const bare = chineseFont(doc, false); // no W array: every glyph the default width, no CMap read
  page.node.setFontDictionary(PDFName.of('F1'), font);
  const form = doc.context.register(
    doc.context.stream(FORM, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 300, 842], Matrix: [1, 0, 0, 1, 0, 20], Resources: { Font: { F2: bare } } }),
  );
  page.node.setXObject(PDFName.of('Fm1'), form);
  const stream = (text: string) => doc.context.register(opts.compressed ? doc.context.flateStream(text) : doc.context.stream(text));
  if (opts.split) {
    // the page's content in two streams, split between two operators
    const lines = KITCHEN_SINK.split('\n');
    const half = Math.floor(lines.length / 2);
    page.node.set(PDFName.of('Contents'), doc.context.obj([stream(lines.slice(0, half).join('\n')), stream(lines.slice(half).join('\n'))]) as PDFArray);
  } else {
    page.node.set(PDFName.of('Contents'), stream(`q ${UPRIGHT[opts.rotate ?? 0]} cm\n${KITCHEN_SINK}\nQ`) as PDFRef);
  }
  if (opts.rotate) page.setRotation({ type: 'degrees', angle: opts.rotate } as never);
  if (opts.cropBox) page.node.set(PDFName.of('CropBox'), doc.context.obj(opts.cropBox));
  return { bytes: Buffer.from(await doc.save({ useObjectStreams: !!opts.compressed })) };
}

async function readBoth(bytes: Buffer, pdfMode: 'auto' | 'text') {
  const options = resolveOptions({ pdfMode });
  const read = async (direct: boolean) => {
    const doc = await openPdf(bytes, options, { direct });
    const pages = [];
    for (let i = 0; i < doc.pageCount; i++) pages.push(await doc.loadPage(i));
    await doc.close();
    return pages;
  };
  return { direct: await read(true), pdfjs: await read(false) };
}

function expectSameLines(direct: Line[], pdfjs: Line[]): void {
  const bare = (t: string) => t.replace(/\s/g, '');
  expect(direct.map((l) => bare(l.text))).toEqual(pdfjs.map((l) => bare(l.text)));
  direct.forEach((l, i) => {
    if (DIRECT_ONLY.includes(l.text)) return;
    expect(l.text).toBe(pdfjs[i].text);
    expect(l.words.map((w) => w.text)).toEqual(pdfjs[i].words.map((w) => w.text));
    // pdf.js gives a combining mark's glyph no advance (the page draws it with one): such lines only in text
    if (/\p{M}/u.test(l.text)) return;
    const o = pdfjs[i].bbox;
    expect([
      l.text,
      Math.abs(l.bbox.x - o.x) <= 2,
      Math.abs(l.bbox.y - o.y) <= 2,
      Math.abs(l.bbox.width - o.width) <= 2,
      Math.abs(l.bbox.height - o.height) <= 2,
    ]).toEqual([l.text, true, true, true, true]);
  });
}

async function expectDirectMatchesPdfjs(bytes: Buffer, minLines: number, pdfMode: 'auto' | 'text' = 'auto'): Promise<Line[]> {
  // the direct reader must have read every page itself, or this compares pdf.js with pdf.js
  const direct = await openDirectPdf(bytes);
  expect(direct).not.toBeNull();
  for (let i = 0; i < direct!.pageCount; i++) expect(direct!.readPage(i, () => 300 / 72)).not.toBeNull();
  const both = await readBoth(bytes, pdfMode);
  expect(both.direct.map((p) => p.kind)).toEqual(both.pdfjs.map((p) => p.kind));
  const lines: Line[] = [];
  both.direct.forEach((p, i) => {
    const q = both.pdfjs[i];
    if (p.kind !== 'text' || q.kind !== 'text') return;
    expect([p.page.width, p.page.height, p.page.rotation, p.page.scale]).toEqual([q.page.width, q.page.height, q.page.rotation, q.page.scale]);
    expectSameLines(p.page.lines, q.page.lines);
    lines.push(...p.page.lines);
  });
  expect(lines.length).toBeGreaterThanOrEqual(minLines);
  return lines;
}

describe('the direct reader reads what pdf.js reads', () => {
  test('every text operator, matrix, spacing, form and inline image', async () => {
    const lines = await expectDirectMatchesPdfjs((await kitchenSink()).bytes, 12);
    const texts = lines.map((l) => l.text);
    // spot checks of what it read, beyond agreeing with pdf.js
    expect(texts).toContain('发票代码：044031900111 Code');
    expect(texts).toContain('销售方：上海云帆信息技术有限公司');
    expect(texts).toContain('金额合计 ¥1,234.56');
    for (const t of DIRECT_ONLY) expect(texts).toContain(t);
    expect(texts.join('\n')).not.toContain('页面以外');
    expect(texts.some((t) => t.startsWith('发票号码'))).toBe(true);
    expect(texts.join('\n')).toMatch(/12345 ?678 90/);
  });

  test.each([90, 180, 270])('a page rotated %i°', async (rotate) => {
    await expectDirectMatchesPdfjs((await kitchenSink({ rotate })).bytes, 12);
  });

  test('a CropBox away from the origin, content in two streams, Flate and object streams', async () => {
    await expectDirectMatchesPdfjs((await kitchenSink({ cropBox: [30, 40, 560, 800], split: true, compressed: true })).bytes, 10);
  });

  test("the English fixtures: pdf-lib's Helvetica, an invoice, tables", async () => {
    for (const file of ['pdf-text-en.pdf', 'invoice-de.pdf', 'table-ruled.pdf', 'table-borderless.pdf'])
      await expectDirectMatchesPdfjs(readFileSync(fixture(file)), 5);
  });

  test('the Chinese fixtures: a plain page and an e-invoice', async () => {
    await expectDirectMatchesPdfjs(readFileSync(fixture('pdf-text-zh.pdf')), 8);
    const invoice = await expectDirectMatchesPdfjs(readFileSync(fixture('vat-digital.pdf')), 30);
    expect(invoice.map((l) => l.text)).toContain('购买方信息 名称：北京星辰科技有限公司');
  });

  test('a scan under an invisible layer in such a font: the same decision, and the layer read', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    const paper = await sharp({ create: { width: 40, height: 56, channels: 3, background: '#f2f2ee' } })
      .png()
      .toBuffer();
    page.drawImage(await doc.embedPng(paper), { x: 0, y: 0, width: A4[0], height: A4[1] });
    page.node.setFontDictionary(PDFName.of('F1'), chineseFont(doc, true));
    const layer = ['增值税电子普通发票 Invoice', '购买方名称：北京星辰科技有限公司', '开票日期：2024年03月12日'];
    const ops = layer.map((t, i) => `BT 3 Tr /F1 12 Tf 56 ${760 - 20 * i} Td ${hex(t)} Tj ET`).join('\n');
    const existing = page.node.Contents();
    const added = doc.context.register(doc.context.stream(ops));
    page.node.set(
      PDFName.of('Contents'),
      doc.context.obj(existing instanceof PDFArray ? [...existing.asArray(), added] : [page.node.get(PDFName.of('Contents'))!, added]),
    );
    const bytes = Buffer.from(await doc.save());
    const direct = await openDirectPdf(bytes);
    const read = direct!.readPage(0, () => 300 / 72)!;
    expect([read.invisibleOnly, read.hasImage]).toEqual([true, true]);
    const lines = await expectDirectMatchesPdfjs(bytes, 3);
    expect(lines.map((l) => l.text)).toEqual(layer);
  });
});

/** A font like chineseFont's, for any Unicode CMap and collection. */
function cjkFont(doc: PDFDocument, encoding: string, ordering: string, descriptor = true): PDFRef {
  const FontDescriptor = descriptor
    ? doc.context.obj({
        Type: 'FontDescriptor',
        FontName: 'STSong-Light',
        Flags: 6,
        FontBBox: [-25, -254, 1000, 880],
        ItalicAngle: 0,
        Ascent: 880,
        Descent: -120,
        CapHeight: 880,
        StemV: 93,
      })
    : undefined;
  const cid = doc.context.register(
    doc.context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType0',
      BaseFont: 'STSong-Light',
      DW: 1000,
      W: [1, 95, 500],
      ...(FontDescriptor ? { FontDescriptor } : {}),
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of(ordering), Supplement: 2 },
    }),
  );
  return doc.context.register(
    doc.context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: `STSong-Light-${encoding}`, Encoding: encoding, DescendantFonts: [cid] }),
  );
}

/** Code points as words, twenty to a line, sixty lines to a page. */
async function codePointPages(encoding: string, ordering: string, codePoints: number[], descriptor = true): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = cjkFont(doc, encoding, ordering, descriptor);
  for (let first = 0; first < codePoints.length; first += 1200) {
    const page = doc.addPage(A4);
    page.node.setFontDictionary(PDFName.of('F1'), font);
    const ops: string[] = [];
    for (let l = 0; l < 60 && first + l * 20 < codePoints.length; l++) {
      const words = codePoints
        .slice(first + l * 20, first + (l + 1) * 20)
        .map((c) => String.fromCodePoint(c))
        .join(' ');
      ops.push(`BT /F1 10 Tf 20 ${820 - l * 13} Td ${hex(words)} Tj ET`);
    }
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(ops.join('\n'))));
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function sample(ranges: Array<[number, number, number]>): number[] {
  const out: number[] = [];
  for (const [from, to, step] of ranges) {
    for (let c = from; c <= to; c += step) if (/[\p{L}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(c))) out.push(c);
  }
  return out;
}

test("a page whose only text runs sideways is OCR'd, by either reader (its text layer would be empty)", async () => {
  const doc = await PDFDocument.create();
  const page = doc.addPage(A4);
  page.node.setFontDictionary(PDFName.of('F1'), chineseFont(doc, true));
  const lines = ['购买方名称：北京星辰科技有限公司', '纳税人识别号：91110108MA01ABCD2X'];
  page.node.set(
    PDFName.of('Contents'),
    doc.context.register(doc.context.stream(lines.map((t, i) => `BT /F1 14 Tf 0 1 -1 0 ${300 - 30 * i} 200 Tm ${hex(t)} Tj ET`).join('\n'))),
  );
  const both = await readBoth(Buffer.from(await doc.save()), 'auto');
  expect([both.direct[0].kind, both.pdfjs[0].kind]).toEqual(['image', 'image']);
  expect((await openDirectPdf(Buffer.from(await doc.save())))!.readPage(0, () => 1)!.runs).toEqual([]);
});

describe('text through the CMaps, character by character', () => {
  // Latin, Greek, Cyrillic, symbols, Kangxi radicals, kana, CJK (sampled), compatibility ideographs, full-width
  // forms: through code → CID → Unicode both readers must give the same text (⽇ U+2F47 comes out 日, µ as μ)
  const bmp = sample([
    [0x20, 0x7e, 1],
    [0xa0, 0x24f, 1],
    [0x370, 0x4ff, 3],
    [0x2000, 0x2bff, 2],
    [0x2e80, 0x2fdf, 1],
    [0x3000, 0x30ff, 1],
    [0x3400, 0x4dbf, 29],
    [0x4e00, 0x9fff, 11],
    [0xf900, 0xfaff, 3],
    [0xfb00, 0xfb06, 1],
    [0xfe30, 0xfe6f, 1],
    [0xff00, 0xffef, 1],
  ]);

  test.each([
    ['UniGB-UCS2-H', 'GB1'],
    ['UniCNS-UCS2-H', 'CNS1'],
    ['UniJIS-UCS2-HW-H', 'Japan1'],
    ['UniKS-UCS2-H', 'Korea1'],
  ])('%s (Adobe-%s)', async (encoding, ordering) => {
    // pdfMode text: symbols are most of these pages, which would otherwise be OCR'd as unreadable
    const lines = await expectDirectMatchesPdfjs(await codePointPages(encoding, ordering, bmp), 100, 'text');
    const words = lines.flatMap((l) => l.words.map((w) => w.text));
    expect(words.length).toBeGreaterThan(bmp.length * 0.95);
    if (ordering === 'GB1') expect(words).toEqual(expect.arrayContaining(['日', '一', 'μ']));
  });

  test('UTF-16 with surrogate pairs: characters beyond the BMP', async () => {
    const beyond = sample([
      [0x20000, 0x2a6df, 211],
      [0x4e00, 0x4e30, 1],
    ]);
    const bytes = await codePointPages('UniJIS2004-UTF16-H', 'Japan1', beyond);
    const direct = await openDirectPdf(bytes);
    expect(direct!.readPage(0, () => 300 / 72)).not.toBeNull();
    const both = await readBoth(bytes, 'text');
    const words = (pages: typeof both.direct) => pages.flatMap((p) => (p.kind === 'text' ? p.page.lines.flatMap((l) => l.words.map((w) => w.text)) : []));
    // every character, as the file names it
    expect(words(both.direct)).toEqual(beyond.map((c) => String.fromCodePoint(c)));
    // pdf.js agrees wherever the CMap maps the code; where it does not, it falls back to half the pair (a lone
    // surrogate), and the direct reader keeps the character
    const fromPdfjs = words(both.pdfjs);
    expect(fromPdfjs).toHaveLength(beyond.length);
    const agreed = fromPdfjs.filter((w, i) => w === String.fromCodePoint(beyond[i]));
    const halves = fromPdfjs.filter((w) => /^[\udc00-\udfff]$/.test(w));
    expect(agreed.length + halves.length).toBe(beyond.length);
    expect(agreed.length).toBeGreaterThan(49); // the BMP ideographs and the mapped ones
  });

  test('right-to-left text is left to pdf.js, which reorders it; so is a font without a descriptor', async () => {
    const hebrew = await openDirectPdf(await codePointPages('UniGB-UCS2-H', 'GB1', sample([[0x5d0, 0x5ea, 1]])));
    expect(hebrew!.readPage(0, () => 1)).toBeNull();
    // pdf.js reads such a font as one of the standard 14, a byte a character
    const bare = await openDirectPdf(await codePointPages('UniGB-UCS2-H', 'GB1', sample([[0x4e00, 0x4e30, 1]]), false));
    expect(bare!.readPage(0, () => 1)).toBeNull();
  });
});

/**
 * An Identity-H font with its own ToUnicode map, as PDF writers embed CJK fonts (not embedded here: the text
 * reader needs no glyphs). Glyph ids 1…: single mappings, a range counting up, a range with an array, a
 * ligature, a character beyond the BMP, and an odd-length destination.
 */
const TO_UNICODE = [
  '/CIDInit /ProcSet findresource begin 12 dict begin begincmap',
  '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def',
  '1 begincodespacerange <0000> <FFFF> endcodespacerange',
  `5 beginbfchar ${[...'发票号码：'].map((c, i) => `<${(i + 1).toString(16).padStart(4, '0')}> <${c.charCodeAt(0).toString(16).padStart(4, '0')}>`).join(' ')} endbfchar`,
  '2 beginbfrange <0006> <000F> <0030> <0010> <0013> [<91D1> <989D> <5408> <8BA1>] endbfrange',
  // a ligature (one glyph, two letters), a character beyond the BMP (a surrogate pair), an odd-length "<41>"
  '3 beginbfchar <0014> <00660069> <0015> <D840DC00> <0016> <41> endbfchar',
  'endcmap CMapName currentdict /CMap defineresource pop end end',
].join('\n');

function identityFont(doc: PDFDocument, toUnicode = TO_UNICODE): PDFRef {
  const descriptor = doc.context.obj({
    Type: 'FontDescriptor',
    FontName: 'SimSun',
    Flags: 4,
    FontBBox: [0, -141, 1000, 859],
    ItalicAngle: 0,
    Ascent: 859,
    Descent: -141,
    CapHeight: 859,
    StemV: 80,
  });
  const cid = doc.context.register(
    doc.context.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: 'SimSun',
      FontDescriptor: descriptor,
      DW: 1000,
      W: [6, 15, 500, 20, [600, 1000, 650]],
      CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
    }),
  );
  return doc.context.register(
    doc.context.obj({
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: 'SimSun',
      Encoding: 'Identity-H',
      DescendantFonts: [cid],
      ToUnicode: doc.context.register(doc.context.flateStream(toUnicode)),
    }),
  );
}

const gid = (...ids: number[]) => `<${ids.map((i) => i.toString(16).padStart(4, '0')).join('')}>`;

describe('simple fonts in WinAnsiEncoding', () => {
  /** every code from the space up, as words of one character, in a font as pdf-lib or Word writes it */
  async function everyCode(font: (doc: PDFDocument) => PDFRef): Promise<Buffer> {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    page.node.setFontDictionary(PDFName.of('F1'), font(doc));
    const ops: string[] = [];
    for (let code = 0x21, line = 0; code <= 0xff; code += 16, line++) {
      const bytes = Array.from({ length: 16 }, (_, k) => code + k)
        .filter((c) => c <= 0xff)
        .flatMap((c) => [c, 0x20]);
      ops.push(`BT /F1 11 Tf 40 ${800 - 18 * line} Td <${Buffer.from(bytes).toString('hex')}> Tj ET`);
    }
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(ops.join('\n'))));
    return Buffer.from(await doc.save());
  }
  const standard = (name: string) => (doc: PDFDocument) =>
    doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: name, Encoding: 'WinAnsiEncoding' }));
  const withWidths = (doc: PDFDocument) =>
    doc.context.register(
      doc.context.obj({
        Type: 'Font',
        Subtype: 'TrueType',
        BaseFont: 'Arial',
        Encoding: 'WinAnsiEncoding',
        FirstChar: 32,
        LastChar: 255,
        Widths: Array.from({ length: 224 }, (_, i) => 400 + ((i * 37) % 300)),
        FontDescriptor: doc.context.obj({
          Type: 'FontDescriptor',
          FontName: 'Arial',
          Flags: 32,
          FontBBox: [-665, -325, 2000, 1006],
          ItalicAngle: 0,
          Ascent: 905,
          Descent: -212,
          CapHeight: 716,
          StemV: 80,
        }),
      }),
    );

  test.each(['Helvetica', 'Times-Roman', 'Courier-Bold'])("every code in %s (the standard font's own widths)", async (name) => {
    const lines = await expectDirectMatchesPdfjs(await everyCode(standard(name)), 14, 'text');
    const words = lines.flatMap((l) => l.words.map((w) => w.text)).join(' ');
    // the unused codes are bullets, the euro sign and the dagger are there, the no-break space is a space
    expect(words).toContain('€');
    expect(words).toContain('†');
    expect(words).toContain('•');
  });

  test('every code in a TrueType font with its Widths', async () => {
    await expectDirectMatchesPdfjs(await everyCode(withWidths), 14, 'text');
  });

  test('an e-invoice page in STSong-Light with its amounts in Helvetica', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    page.node.setFontDictionary(PDFName.of('F1'), chineseFont(doc, true));
    page.node.setFontDictionary(PDFName.of('F2'), standard('Helvetica')(doc));
    const ops = [
      `BT /F1 12 Tf 56 760 Td ${hex('价税合计（小写）')} Tj /F2 12 Tf (\\2451,234.56) Tj ET`,
      `BT /F1 12 Tf 56 730 Td ${hex('金额')} Tj ET BT /F2 12 Tf 200 730 Td (1,092.53) Tj ET BT /F1 12 Tf 300 730 Td ${hex('税额')} Tj ET BT /F2 12 Tf 420 730 Td (142.03) Tj ET`,
    ];
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(ops.join('\n'))));
    const lines = await expectDirectMatchesPdfjs(Buffer.from(await doc.save()), 3);
    expect(lines.map((l) => l.text)).toEqual(['价税合计（小写）¥1,234.56', '金额', '1,092.53', '税额', '142.03']);
  });
});

describe('fonts with their own ToUnicode map', () => {
  test('an Identity-H font: single codes, ranges, arrays, a ligature, beyond the BMP', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4);
    page.node.setFontDictionary(PDFName.of('F1'), identityFont(doc));
    const ops = [
      `BT /F1 12 Tf 56 760 Td ${gid(1, 2, 3, 4, 5)} Tj [${gid(6, 7, 8)} -300 ${gid(9, 10, 11, 12)}] TJ ET`,
      `BT /F1 12 Tf 56 730 Td ${gid(16, 17, 18, 19, 5)} Tj 60 0 Td ${gid(12, 13, 14, 15)} Tj ET`,
      `BT /F1 12 Tf 56 700 Td ${gid(20)} Tj ${gid(21, 22)} Tj ET`,
    ];
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(ops.join('\n'))));
    const bytes = Buffer.from(await doc.save());
    const lines = await expectDirectMatchesPdfjs(bytes, 3, 'text');
    expect(lines.map((l) => l.text)).toEqual(['发票号码：012 3456', '金额合计：6789', `fi${String.fromCodePoint(0x20000)}A`]);
  });

  test('a map pdf.js would read its own way leaves the page to it', async () => {
    const page = async (toUnicode: string) => {
      const doc = await PDFDocument.create();
      const p = doc.addPage(A4);
      p.node.setFontDictionary(PDFName.of('F1'), identityFont(doc, toUnicode));
      p.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream(`BT /F1 12 Tf 56 760 Td ${gid(1, 2, 3)} Tj ET`)));
      return Buffer.from(await doc.save());
    };
    // simple fonts: only embedded ones, and a code their map leaves out is read from the encoding by pdf.js
    const simple = async (embedded: boolean, encoding: boolean) => {
      const doc = await PDFDocument.create();
      const p = doc.addPage(A4);
      const descriptor = doc.context.obj({
        Type: 'FontDescriptor',
        FontName: 'ABCDEF+Arial',
        Flags: 32,
        FontBBox: [0, -200, 1000, 800],
        ItalicAngle: 0,
        Ascent: 800,
        Descent: -200,
        CapHeight: 700,
        StemV: 80,
        ...(embedded ? { FontFile2: doc.context.register(doc.context.stream('not a real font program')) } : {}),
      });
      const map = '1 beginbfchar <41> <0041> endbfchar 1 beginbfrange <30> <39> <0030> endbfrange';
      const font = doc.context.register(
        doc.context.obj({
          Type: 'Font',
          Subtype: 'TrueType',
          BaseFont: 'ABCDEF+Arial',
          FirstChar: 32,
          LastChar: 90,
          Widths: Array(59).fill(600),
          FontDescriptor: descriptor,
          ToUnicode: doc.context.register(doc.context.stream(map)),
          ...(encoding ? { Encoding: 'WinAnsiEncoding' } : {}),
        }),
      );
      p.node.setFontDictionary(PDFName.of('F1'), font);
      p.node.set(PDFName.of('Contents'), doc.context.register(doc.context.stream('BT /F1 12 Tf 56 760 Td (A0123 B) Tj ET')));
      return (await openDirectPdf(Buffer.from(await doc.save())))!.readPage(0, () => 1);
    };
    expect((await simple(true, false))!.runs.map((r) => r.text).join(' ')).toBe('A0123 B'); // B: no entry, no encoding → the code itself
    expect(await simple(true, true)).toBeNull(); // B: pdf.js would look it up in WinAnsiEncoding
    expect(await simple(false, false)).toBeNull(); // drawn with a substitute font: pdf.js's rules
    for (const map of ['/Identity-UCS usecmap 1 beginbfchar <0001> <4E00> endbfchar', 'begincmap endcmap', '1 begincidrange <0001> <0003> 10 endcidrange']) {
      const direct = await openDirectPdf(await page(map));
      expect([map, direct!.readPage(0, () => 1)]).toEqual([map, null]);
    }
  });
});

(hasSharedData ? describe : describe.skip)('real PDFs (../shared/data/invoice2data)', () => {
  test.each(['AmazonWebServices', 'FlipkartInvoice', 'coolblue1', 'free_fiber', 'saeco'])('%s: read directly, the lines pdf.js gives', async (name) => {
    const bytes = readFileSync(path.join(SHARED_DATA, 'invoice2data', `${name}.pdf`));
    const direct = await openDirectPdf(bytes);
    for (let i = 0; i < direct!.pageCount; i++) expect(direct!.readPage(i, () => 300 / 72)).not.toBeNull();
    const both = await readBoth(bytes, 'auto');
    const ours = both.direct.flatMap((p) => (p.kind === 'text' ? p.page.lines : []));
    const theirs = both.pdfjs.flatMap((p) => (p.kind === 'text' ? p.page.lines : []));
    expect(ours.length).toBe(theirs.length);
    expect(ours.length).toBeGreaterThan(40);
    // where two strings overlap on the page (free_fiber: "Montant du prélèvement :" runs into "29.99 €"), the
    // letters interleave by their positions, which pdf.js only estimates: the same letters, in another order
    const sorted = (t: string) => [...t.replace(/\s/g, '')].sort().join('');
    const differ = ours.filter((l, i) => l.text !== theirs[i].text);
    differ.forEach((l) => expect(sorted(l.text)).toBe(sorted(theirs[ours.indexOf(l)].text)));
    expect(differ.length).toBeLessThanOrEqual(1);
    ours.forEach((l, i) => {
      if (l.text !== theirs[i].text) return;
      const o = theirs[i].bbox;
      expect([l.text, Math.abs(l.bbox.x - o.x) <= 2, Math.abs(l.bbox.width - o.width) <= 2, Math.abs(l.bbox.y - o.y) <= 2]).toEqual([l.text, true, true, true]);
    });
  });
});

describe('pages it leaves to pdf.js', () => {
  const page = async (ops: string, fonts: (doc: PDFDocument) => Promise<Record<string, PDFRef>>, filter?: string) => {
    const doc = await PDFDocument.create();
    const p = doc.addPage(A4);
    for (const [name, ref] of Object.entries(await fonts(doc))) p.node.setFontDictionary(PDFName.of(name), ref);
    const stream = filter ? doc.context.stream(Buffer.from(ops, 'latin1').toString('hex') + '>', { Filter: filter }) : doc.context.stream(ops);
    p.node.set(PDFName.of('Contents'), doc.context.register(stream));
    return Buffer.from(await doc.save({ useObjectStreams: false }));
  };
  const cjk = (doc: PDFDocument) => Promise.resolve({ F1: chineseFont(doc, true) });
  const text = 'BT /F1 12 Tf 56 760 Td ' + hex('购买方名称：北京星辰科技有限公司') + ' Tj ET';

  test('a page that also uses a font it does not know, one with its own ToUnicode, a filter it does not read', async () => {
    const macRoman = (doc: PDFDocument) =>
      doc.context.register(doc.context.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Helvetica', Encoding: 'MacRomanEncoding' }));
    const withHelvetica = await page(text + '\nBT /F2 12 Tf 56 700 Td (Total 12.00) Tj ET', async (doc) => ({ F1: chineseFont(doc, true), F2: macRoman(doc) }));
    const withToUnicode = await page(text, async (doc) => {
      const ref = chineseFont(doc, true);
      doc.context.lookup(ref, PDFDict).set(PDFName.of('ToUnicode'), doc.context.register(doc.context.stream('')));
      return { F1: ref };
    });
    const asciiHex = await page(text, cjk, 'ASCIIHexDecode');
    for (const bytes of [withHelvetica, withToUnicode, asciiHex]) {
      const direct = await openDirectPdf(bytes);
      expect(direct).not.toBeNull(); // the file names UniGB-UCS2-H …
      expect(direct!.readPage(0, () => 300 / 72)).toBeNull(); // … but this page is pdf.js's
      const r = await recognize(bytes);
      expect(r.pages[0].source).toBe('text-layer');
      expect(r.text).toContain('购买方名称：北京星辰科技有限公司');
    }
    expect((await recognize(withHelvetica)).text).toContain('Total 12.00');
  });

  test('a compression bomb in an object stream is not handed to pdf-lib, which would inflate it whole', () => {
    const objectStream = (content: Buffer) =>
      Buffer.concat([
        Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${content.length} >>\nstream\n`),
        content,
        Buffer.from('\nendstream\nendobj\n'),
      ]);
    const small = objectStream(deflateSync(Buffer.from('2 0 << /Type /Font /ToUnicode 3 0 R >>')));
    expect(worthParsing(small, DIRECT_FONT_MARKERS)).toBe(true); // the marker found inside the stream
    // 64 MB of zeros after the marker: ~64 KB compressed
    const bomb = objectStream(deflateSync(Buffer.concat([Buffer.from('2 0 << /ToUnicode 3 0 R >>'), Buffer.alloc(64 << 20)])));
    const t0 = performance.now();
    expect(worthParsing(bomb, DIRECT_FONT_MARKERS)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  test("files without such fonts are not parsed twice; encrypted and broken ones are pdf.js's", async () => {
    expect(await openDirectPdf(readFileSync(fixture('pdf-scan-zh.pdf')))).toBeNull(); // an image, no fonts
    expect(await openDirectPdf(readFileSync(fixture('pdf-encrypted.pdf')))).toBeNull();
    const zh = readFileSync(fixture('pdf-text-zh.pdf'));
    expect(await openDirectPdf(zh.subarray(0, Math.floor(zh.length * 0.6)))).toBeNull();
  });
});

test('a Chinese text page reads in a few milliseconds', async () => {
  const file = fixture('vat-digital.pdf');
  for (let i = 0; i < 5; i++) await recognize(file);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) await recognize(file);
  // pdf.js took ~100 ms a page here (its CMap tables rebuilt per document); the direct reader ~3 ms
  expect((performance.now() - t0) / 20).toBeLessThan(30);
});
