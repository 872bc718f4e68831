import type { PageImage } from '../types/pageImage';
import { rotateQuarter, toGray } from '../input/pixels';
import type { Line, Table } from '../result';
import { fillGrid } from './cells';
import { gridsOf } from './grid';
import { findRules } from './rules';

/**
 * The ruled tables of a recognized page: rules found on the page's pixels (turned upright as the engine read
 * it), their grids, and the page's words placed into the cells. Lines are in the page's upright pixels.
 */
export async function readRuledTables(image: PageImage, turn: number, page: { width: number; height: number; lines: readonly Line[] }): Promise<Table[]> {
  const gray = await toGray(await rotateQuarter(image, turn));
  const rules = findRules(gray);
  // boundaries a few pixels apart are one (a double rule, a rule drawn slightly off); scaled with the page
  const tolerance = Math.max(4, Math.round(Math.min(gray.width, gray.height) * 0.006));
  const sx = page.width / gray.width;
  const sy = page.height / gray.height;
  return gridsOf(rules, tolerance).map((grid) => {
    if (sx !== 1 || sy !== 1) {
      const scale = (b: { x: number; y: number; width: number; height: number }) => ({ x: b.x * sx, y: b.y * sy, width: b.width * sx, height: b.height * sy });
      grid = { ...grid, bbox: scale(grid.bbox), cells: grid.cells.map((c) => ({ ...c, bbox: scale(c.bbox) })) };
    }
    return fillGrid(grid, page.lines);
  });
}
