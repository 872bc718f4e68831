import { mergeWords, normalizeWidth } from '../../src/layout/text';
import { orderLines } from '../../src/layout/order';
import { estimateTilt, layoutPage } from '../../src/layout/page';
import { lineOf } from '../../src/layout/columns';
import type { Line, Word } from '../../src/result';

const word = (text: string, x: number, width: number, confidence = 0.9): Word => ({ text, confidence, bbox: { x, y: 0, width, height: 30 } });
const line = (text: string, x: number, y: number, width = 200, height = 30): Line => ({ text, confidence: 0.9, bbox: { x, y, width, height }, words: [] });

describe('mergeWords: CJK runs without spaces, Latin spaces kept', () => {
  test('adjacent Han characters become one word with the weakest confidence', () => {
    const r = mergeWords([word('发', 0, 30, 0.9), word('票', 31, 30, 0.7), word('号', 62, 30, 0.95)], 30);
    expect(r.text).toBe('发票号');
    expect(r.words).toHaveLength(1);
    expect(r.words[0].confidence).toBe(0.7);
    expect(r.words[0].bbox).toEqual({ x: 0, y: 0, width: 92, height: 30 });
  });
  test('Latin words keep their spaces', () => {
    expect(mergeWords([word('Total', 0, 80), word('amount', 95, 100)], 30).text).toBe('Total amount');
  });
  test('Han next to digits joins; a wide gap (label … value) stays a space', () => {
    expect(mergeWords([word('合计', 0, 60), word('68.00', 64, 70), word('元', 136, 30)], 30).text).toBe('合计68.00元');
    expect(mergeWords([word('姓名', 0, 60), word('张三', 120, 60)], 30).text).toBe('姓名 张三');
  });
});

const PROSE = [
  'The shipping department quickly approved the',
  'new pumping equipment before the spring holidays',
  'and the yearly budget was approved in spite of',
  'the heavy rain along the river between May and',
  'July, with help from the villages nearby, as the',
  'budget plainly required for the coming season.',
];

describe('orderLines: rows top to bottom, left to right, columns when a gutter runs through', () => {
  test('a label and its value on one row stay together', () => {
    const lines = [line('value 2', 300, 52), line('label 1', 0, 0), line('value 1', 300, 2), line('label 2', 0, 50)];
    expect(orderLines(lines).map((l) => l.text)).toEqual(['label 1', 'value 1', 'label 2', 'value 2']);
  });
  test('two text columns are read one after the other', () => {
    const left = [0, 40, 80, 120].map((y, i) => line(`L${i} ${PROSE[i]}`, 0, y, 300));
    const right = [0, 40, 80, 120].map((y, i) => line(`R${i} ${PROSE[i + 1]}`, 400, y + 5, 300));
    expect(orderLines([...right, ...left]).map((l) => l.text.slice(0, 2))).toEqual(['L0', 'L1', 'L2', 'L3', 'R0', 'R1', 'R2', 'R3']);
  });
  test('a heading across both columns comes first', () => {
    const heading = line('Title', 0, -80, 700);
    const left = [0, 40, 80].map((y, i) => line(`L${i} ${PROSE[i]}`, 0, y, 300));
    const right = [0, 40, 80].map((y, i) => line(`R${i} ${PROSE[i + 2]}`, 400, y, 300));
    expect(orderLines([...right, heading, ...left]).map((l) => l.text.slice(0, 5))).toEqual(['Title', 'L0 Th', 'L1 ne', 'L2 an', 'R0 an', 'R1 th', 'R2 Ju']);
  });
});

/** A line of words 10 px a character, spaces 10 px, on row y from x. */
function typed(text: string, x: number, y: number): Line {
  const words: Word[] = [];
  let at = x;
  for (const t of text.split(' ')) {
    words.push({ text: t, confidence: 0.9, bbox: { x: at, y, width: 10 * t.length, height: 30 } });
    at += 10 * t.length + 10;
  }
  return { text, confidence: 0.9, bbox: { x, y, width: at - 10 - x, height: 30 }, words };
}

describe('layoutPage: the layout step', () => {
  // two columns of prose 480 px wide, 40 px apart (about 1.3 line heights: a gutter of four characters)
  const left = PROSE.map((t, i) => typed(t, 0, i * 40));
  const right = PROSE.map((t, i) => typed(t.toUpperCase(), 520, i * 40));

  test('an engine line read across a narrow gutter is cut there, and the columns are read one after the other', () => {
    // the engine joined each row of both columns into one line
    const joined = left.map((l, i) => ({ ...l, text: `${l.text} ${right[i].text}`, bbox: { ...l.bbox, width: 1000 }, words: [...l.words, ...right[i].words] }));
    const page = layoutPage(joined, { joinFragments: true });
    expect(page.lines.map((l) => l.text)).toEqual([...PROSE, ...PROSE.map((t) => t.toUpperCase())]);
    expect(page.blocks.map((b) => b.lines)).toEqual([
      [0, 1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10, 11],
    ]);
  });

  test('fragments of a row are joined within a column, never across the gutter', () => {
    const cutUp = [...left, ...right].flatMap((l) => {
      const half = Math.ceil(l.words.length / 2);
      return [lineOf(l.words.slice(0, half), l), lineOf(l.words.slice(half), l)];
    });
    expect(layoutPage(cutUp, { joinFragments: true }).lines.map((l) => l.text)).toEqual([...PROSE, ...PROSE.map((t) => t.toUpperCase())]);
  });

  test('a running head over one column and a page number under another belong to the page', () => {
    const head = typed('Annual Review', 600, -80);
    const number = typed('17', 250, 400);
    const order = layoutPage([number, ...right, head, ...left]).lines.map((l) => l.text);
    expect(order[0]).toBe('Annual Review');
    expect(order[order.length - 1]).toBe('17');
    expect(order.slice(1, 7)).toEqual(PROSE);
  });

  test('paragraph gaps at the same height in both columns do not interleave them', () => {
    const gap = (l: Line, i: number) => (i >= 3 ? typed(l.text, l.bbox.x, l.bbox.y + 60) : l);
    const title = typed('A title across the page', 300, -100);
    const page = layoutPage([title, ...left.map(gap), ...right.map(gap)]);
    expect(page.lines.map((l) => l.text)).toEqual(['A title across the page', ...PROSE, ...PROSE.map((t) => t.toUpperCase())]);
  });

  test('a page tilted 4° reads as the level one', () => {
    const rad = (4 * Math.PI) / 180;
    const tilt = (l: Line): Line => {
      const words = l.words.map((w) => ({
        ...w,
        bbox: {
          ...w.bbox,
          x: Math.round(w.bbox.x * Math.cos(rad) - w.bbox.y * Math.sin(rad)),
          y: Math.round(w.bbox.x * Math.sin(rad) + w.bbox.y * Math.cos(rad)),
        },
      }));
      const xs = words.map((w) => w.bbox.x),
        ys = words.map((w) => w.bbox.y);
      return {
        ...l,
        words,
        bbox: {
          x: Math.min(...xs),
          y: Math.min(...ys),
          width: Math.max(...words.map((w) => w.bbox.x + w.bbox.width)) - Math.min(...xs),
          height: Math.max(...words.map((w) => w.bbox.y + w.bbox.height)) - Math.min(...ys),
        },
      };
    };
    expect(estimateTilt([...left, ...right].map(tilt))).toBeCloseTo(4, 0);
    expect(layoutPage([...left, ...right].map(tilt).reverse()).lines.map((l) => l.text)).toEqual([...PROSE, ...PROSE.map((t) => t.toUpperCase())]);
  });
});

describe('orderLines keeps forms row by row', () => {
  test('short labels with values over many rows are not columns', () => {
    const rows = [0, 40, 80, 120, 160].flatMap((y, i) => [line(`label${i}`, 0, y, 90), line(`value${i}`, 200, y + 2, 120)]);
    expect(orderLines(rows.reverse()).map((l) => l.text)).toEqual([
      'label0',
      'value0',
      'label1',
      'value1',
      'label2',
      'value2',
      'label3',
      'value3',
      'label4',
      'value4',
    ]);
  });
});

describe('normalizeWidth: one spelling for full- and half-width forms', () => {
  test.each([
    ['名称:北京', '名称：北京'],
    ['价税合计(大写):壹仟', '价税合计（大写）：壹仟'],
    ['Total： 12，30', 'Total: 12,30'],
    ['Ｔｏｔａｌ１２３', 'Total123'],
    ['（备注）', '（备注）'],
    ['(Note)', '(Note)'],
    ['金额 ¥1,234.00', '金额 ¥1,234.00'],
  ])('%p → %p', (input, expected) => {
    expect(normalizeWidth(input)).toBe(expected);
  });
});
