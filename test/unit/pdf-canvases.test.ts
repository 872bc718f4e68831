import { borrowCanvas, canvasRgb, returnCanvas } from '../../src/input/pdf/canvases';

/** What a page draws: a grey band and a translucent red square, on the paper it was given. */
function drawPage(ctx: ReturnType<typeof borrowCanvas>['ctx']): void {
  ctx.fillStyle = '#404040';
  ctx.fillRect(10, 20, 100, 8);
  ctx.fillStyle = 'rgba(255, 0, 0, 0.5)';
  ctx.fillRect(60, 60, 20, 20);
}

test('a canvas given back is reused for a page of its size, white and in a fresh state, whatever the last page left', () => {
  const first = borrowCanvas(160, 120);
  drawPage(first.ctx);
  const fresh = canvasRgb(first);
  // the last page leaves a transform, a clip, a low alpha and a composition mode behind, and ink everywhere
  first.ctx.translate(40, 30);
  first.ctx.beginPath();
  first.ctx.rect(0, 0, 5, 5);
  first.ctx.clip();
  first.ctx.globalAlpha = 0.2;
  first.ctx.globalCompositeOperation = 'multiply';
  first.ctx.fillStyle = '#000';
  first.ctx.fillRect(-100, -100, 400, 400);
  returnCanvas(first);

  const again = borrowCanvas(160, 120);
  expect(again.canvas).toBe(first.canvas);
  drawPage(again.ctx);
  expect(canvasRgb(again).equals(fresh)).toBe(true);
  returnCanvas(again);

  // another size gets a canvas of its own
  const other = borrowCanvas(120, 160);
  expect(other.canvas).not.toBe(first.canvas);
  returnCanvas(other);
});

test('pixels come out as RGB over white: opaque ones exact, translucent ones blended with the paper', () => {
  const page = borrowCanvas(200, 100);
  drawPage(page.ctx);
  const rgb = canvasRgb(page);
  const at = (x: number, y: number) => Array.from(rgb.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3));
  expect(at(0, 0)).toEqual([255, 255, 255]);
  expect(at(50, 24)).toEqual([64, 64, 64]);
  // half-transparent red over white paper: (255, 127.5, 127.5)
  const [r, g, b] = at(70, 70);
  expect(r).toBe(255);
  expect(Math.abs(g - 128)).toBeLessThanOrEqual(1);
  expect(Math.abs(b - 128)).toBeLessThanOrEqual(1);
  returnCanvas(page);
});

test('idle canvases are bounded by their memory: a poster-sized one is not kept', () => {
  const poster = borrowCanvas(6000, 6000); // 144 MB of pixels
  returnCanvas(poster);
  expect(borrowCanvas(6000, 6000).canvas).not.toBe(poster.canvas);
  const a4 = borrowCanvas(2480, 3508);
  returnCanvas(a4);
  expect(borrowCanvas(2480, 3508).canvas).toBe(a4.canvas);
});
