import type { FieldValue } from '../../result';
import { redInkShare } from '../../input/pixels';
import type { Document } from '../registry';
import { textLines, type TextLine } from '../text';

/**
 * Below this share of red pixels the card carries no seal to read around: the thinnest seal ring measured on a
 * licence photo covered 0.1% of it, a clean card's tint none.
 */
const MIN_SEAL_SHARE = 0.0005;

/**
 * The card read a second time with its red ink taken out: the issuing office's seal is printed over the licence's
 * lower fields (the VIN, the dates, the engine number), and where it covers a label or a value's characters the
 * first reading loses them. Null when the card shows no seal, or has no pixels to read again (a text layer, the
 * cloud).
 */
export async function linesWithoutSeal(doc: Document): Promise<TextLine[] | null> {
  const page = doc.pages.find((p) => p.source === 'ocr');
  if (!page || !doc.reread || !doc.crop) return null;
  const whole = { x: 0, y: 0, width: page.width, height: page.height };
  const pixels = await doc.crop(page.page, whole);
  if (!pixels || redInkShare(pixels) < MIN_SEAL_SHARE) return null;
  const lines = await doc.reread(page.page, whole, { withoutRedInk: true });
  return lines ? textLines([{ ...page, lines }]) : null;
}

/**
 * The reading without the seal merged into the first: a value it found where the first found none, or one the
 * first read with characters missing (a seal takes strokes away, it does not add them: the first reading is then
 * the second's with characters left out). The names taken from the second reading are returned.
 */
export function takeUnsealed(
  first: Record<string, FieldValue>,
  firstConfidence: Record<string, number>,
  second: Record<string, FieldValue>,
  secondConfidence: Record<string, number>,
  except: readonly string[] = [],
): string[] {
  const taken: string[] = [];
  for (const [name, value] of Object.entries(second)) {
    if (value === null || except.includes(name)) continue;
    const had = first[name];
    if (had !== null && !(typeof had === 'string' && typeof value === 'string' && lostCharacters(had, value))) continue;
    first[name] = value;
    if (secondConfidence[name] !== undefined) firstConfidence[name] = secondConfidence[name];
    taken.push(name);
  }
  return taken;
}

/** Whether `short` is `long` with one or more characters left out (in order, nothing changed). */
function lostCharacters(short: string, long: string): boolean {
  const a = [...short],
    b = [...long];
  if (a.length >= b.length) return false;
  let i = 0;
  for (const c of b) if (i < a.length && c === a[i]) i++;
  return i === a.length;
}
