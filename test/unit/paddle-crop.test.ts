import { sampleBox } from '../../src/engines/paddle/crop';
import type { PageImage } from '../../src/types/pageImage';

/** A page of smooth but uneven pixels: every sampling mistake shows as a different value. */
function page(channels: 1 | 3): PageImage {
  const width = 240,
    height = 160;
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) {
        data[(y * width + x) * channels + c] = Math.round(127.5 + 127 * Math.sin(x * 0.21 + c) * Math.cos(y * 0.13 - c));
      }
  return { data, width, height, channels };
}

function crop(img: PageImage, angle: number, turn180: boolean, width: number, outW: number): Float32Array {
  const dst = new Float32Array(3 * 48 * 256);
  sampleBox(img, { cx: 121.3, cy: 79.6, width, height: 41.5, angle }, outW, 48, dst, 0, 48, 256, turn180);
  return dst;
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

describe('text-box crops', () => {
  // boxes along the page's axes take a path of their own (indices and weights per row and column): it must read
  // the same pixels as the general one, which a box turned by a hair's breadth takes
  test.each([
    ['RGB, same scale', 3, 200, 232],
    ['RGB, shrunk along the line (supersampled)', 3, 200, 60],
    ['grey, enlarged', 1, 100, 180],
  ] as const)('an upright box reads as the general path does: %s', (_, channels, width, outW) => {
    const img = page(channels);
    const upright = crop(img, 0, false, width, outW);
    const hair = crop(img, 1e-9, false, width, outW);
    expect(maxDiff(upright, hair)).toBeLessThan(1e-5);
    expect(Math.max(...upright.map(Math.abs))).toBeGreaterThan(0.5); // real pixels, not padding

    // turned half a circle: the same pixels in reverse order, by either path
    const flipped = crop(img, 0, true, width, outW);
    expect(maxDiff(flipped, crop(img, 180 - 1e-9, false, width, outW))).toBeLessThan(1e-5);
    expect(maxDiff(flipped, upright)).toBeGreaterThan(0.1);
  });

  test('a turned box samples along its own axis', () => {
    const img = page(3);
    // 90° turns the box's reading direction onto the page's y axis: not the upright crop
    expect(maxDiff(crop(img, 90, false, 140, 160), crop(img, 0, false, 140, 160))).toBeGreaterThan(0.1);
  });
});
