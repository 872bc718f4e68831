import { piecesOf } from '../../src/engines/paddle/cls';
import { cropMargins } from '../../src/engines/paddle/rec';

describe('the direction classifier sees a long line in pieces at its own scale', () => {
  test('a line no longer than the input (4 line heights, 192 × 48) is one piece', () => {
    const box = { cx: 100, cy: 50, width: 150, height: 40, angle: 0 };
    expect(piecesOf(box)).toEqual([box]);
  });

  test('a long line: three pieces of the input’s proportions, flush with its start, centre and end', () => {
    const box = { cx: 1000, cy: 300, width: 1600, height: 40, angle: 0 };
    const pieces = piecesOf(box);
    expect(pieces.map((p) => p.width)).toEqual([160, 160, 160]);
    expect(pieces.map((p) => p.cx)).toEqual([280, 1000, 1720]);
    expect(pieces.every((p) => p.height === 40 && p.cy === 300)).toBe(true);
  });

  test('a tilted line is cut along its own direction', () => {
    const box = { cx: 500, cy: 500, width: 800, height: 40, angle: 30 };
    const last = piecesOf(box)[2];
    const along = (box.width - 160) / 2;
    expect(last.cx).toBeCloseTo(500 + along * Math.cos(Math.PI / 6), 6);
    expect(last.cy).toBeCloseTo(500 + along * Math.sin(Math.PI / 6), 6);
  });
});

describe('recognition crops keep their margin out of the neighbouring lines', () => {
  test('a line alone gets the full 25%; lines set solid get the room between them, no more', () => {
    const alone = { cx: 500, cy: 100, width: 800, height: 40, angle: 0 };
    const upper = { cx: 500, cy: 300, width: 800, height: 40, angle: 0 };
    const lower = { cx: 520, cy: 344, width: 700, height: 40, angle: 0 }; // 4 px of paper between them
    const touching = { cx: 500, cy: 380, width: 800, height: 40, angle: 0 }; // overlaps `lower`
    const [a, u, l, t] = cropMargins([alone, upper, lower, touching]);
    expect(a).toBeCloseTo(0.25, 6);
    expect(u).toBeCloseTo(4 / 40, 6);
    expect(l).toBe(0);
    expect(t).toBe(0);
  });

  test('a line beside another (no overlap along the row) keeps its margin', () => {
    const [m] = cropMargins([
      { cx: 100, cy: 100, width: 150, height: 40, angle: 0 },
      { cx: 400, cy: 110, width: 150, height: 40, angle: 0 },
    ]);
    expect(m).toBeCloseTo(0.25, 6);
  });
});
