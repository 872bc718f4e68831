import type { PageImage } from '../types/pageImage';
import { toGray } from '../input/pixels';
import { findRules, type Rule } from './rules';

/**
 * The page with its ruling lines painted white, for recognition: a grid around words makes tesseract's layout
 * analysis see one picture instead of text (a ruled table came back empty), and no engine reads a rule as text.
 * A pixel of halo either side goes too, since anti-aliasing and JPEG leave a grey fringe.
 */
export async function withoutRules(image: PageImage): Promise<PageImage> {
  const gray = await toGray(image);
  const rules = findRules(gray);
  if (rules.horizontal.length === 0 && rules.vertical.length === 0) return image;
  const data = Buffer.from(gray.data);
  const { width, height } = gray;
  const paint = (rule: Rule, horizontal: boolean) => {
    const half = Math.ceil(rule.thickness / 2) + 1;
    for (let across = rule.pos - half; across <= rule.pos + half; across++) {
      for (let along = rule.from - 1; along <= rule.to + 1; along++) {
        const x = horizontal ? along : across;
        const y = horizontal ? across : along;
        if (x >= 0 && y >= 0 && x < width && y < height) data[y * width + x] = 255;
      }
    }
  };
  for (const r of rules.horizontal) paint(r, true);
  for (const r of rules.vertical) paint(r, false);
  return { data, width, height, channels: 1 };
}
