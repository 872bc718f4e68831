/** The characters an MRZ may hold (ICAO 9303): the filler first. */
export const MRZ_ALPHABET = '<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * One character cell of an OCR-B MRZ line, in units of the font size: MRZ text is monospaced (ten characters to
 * the inch), so a line of n characters is n equal cells. A cell runs from one advance to the next and from above
 * the digits (the tallest characters) to just under the baseline; `width` × `height` is the resolution cells and
 * templates are compared at.
 */
export const CELL = {
  advance: 0.723,
  top: -0.8,
  bottom: 0.06,
  width: 16,
  height: 20,
  /** Share of the advance that is ink, left bearing included: a line's ink ends this far into its last cell. */
  inkEnd: 0.86,
  /** Left bearing of most glyphs: a line's ink starts this far into its first cell. */
  inkStart: 0.15,
} as const;

/** A line cut to `length` by dropping trailing fillers first: what readers add to a line, or drop from it. */
export function trimFillers(line: string, length: number): string {
  let l = line;
  while (l.length > length && l.endsWith('<<')) l = l.slice(0, -1);
  return l.slice(0, length);
}
