import { inkWindow } from '../../src/engines/paddle/margins';

/** A w×h page of one colour, RGB interleaved, with rectangles of other colours painted on it. */
function page(
  w: number,
  h: number,
  paper: [number, number, number],
  marks: Array<{ x: number; y: number; w: number; h: number; rgb: [number, number, number] }> = [],
): Uint8Array {
  const px = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) px.set(paper, i * 3);
  for (const m of marks) for (let y = m.y; y < m.y + m.h; y++) for (let x = m.x; x < m.x + m.w; x++) px.set(m.rgb, (y * w + x) * 3);
  return px;
}

test('blank paper has no window: the detector is not run at all', () => {
  expect(inkWindow(page(640, 480, [250, 250, 246]), 640, 480, 3)).toBeNull();
});

test('the window holds the ink with 32 px of paper around it, on the 32-px grid', () => {
  const win = inkWindow(
    page(
      1120,
      1600,
      [255, 255, 255],
      [
        { x: 200, y: 300, w: 400, h: 20, rgb: [0, 0, 0] },
        { x: 210, y: 900, w: 100, h: 15, rgb: [40, 40, 40] },
      ],
    ),
    1120,
    1600,
    3,
  )!;
  // ink spans x 200..599, y 300..914: less 32 and more 32, then out to the grid
  expect(win).toEqual({ x: 160, y: 256, width: 480, height: 704 });
  for (const v of Object.values(win)) expect(v % 32).toBe(0);
});

test('ink at the edge keeps the edge; the window never leaves the page', () => {
  const win = inkWindow(page(320, 256, [255, 255, 255], [{ x: 0, y: 250, w: 319, h: 6, rgb: [0, 0, 0] }]), 320, 256, 3)!;
  expect(win).toEqual({ x: 0, y: 192, width: 320, height: 64 });
});

test('a faint grey stamp counts as ink; a dark page with light text works the same way', () => {
  const faint = inkWindow(page(640, 640, [255, 255, 255], [{ x: 400, y: 500, w: 50, h: 10, rgb: [235, 235, 235] }]), 640, 640, 3)!;
  expect(faint).toEqual({ x: 352, y: 448, width: 160, height: 96 });
  const dark = inkWindow(page(640, 640, [20, 24, 30], [{ x: 100, y: 100, w: 50, h: 10, rgb: [230, 230, 230] }]), 640, 640, 3)!;
  expect(dark).toEqual({ x: 64, y: 64, width: 128, height: 96 });
});

test('colour ink on tinted paper: one channel differing is enough', () => {
  const win = inkWindow(page(640, 640, [250, 240, 200], [{ x: 300, y: 300, w: 8, h: 8, rgb: [250, 240, 120] }]), 640, 640, 3)!;
  expect(win).toEqual({ x: 256, y: 256, width: 96, height: 96 });
});

test('one-channel pages', () => {
  const px = new Uint8Array(256 * 256).fill(255);
  px[100 * 256 + 200] = 0;
  expect(inkWindow(px, 256, 256, 1)).toEqual({ x: 160, y: 64, width: 96, height: 96 });
});
