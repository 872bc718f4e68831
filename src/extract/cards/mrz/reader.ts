import type { PageImage } from '../../../types/pageImage';
import { alignLayout, darkness, estimateShear, findInkLines, fitBaseline, initialLayout, scoreLine, type ScoredLine } from './cells';
import { MRZ_ALPHABET, trimFillers } from './geometry';
import { ALLOWED, layoutsFor, positionsOf, type MrzLayout } from './layouts';
import { repairZone, type Choice } from './repair';

/** How far below a position's best score a character stays a candidate for the check digits to choose. */
const MARGIN = 0.2;
/** At most this many candidates per position. */
const MAX_CHOICES = 4;

/**
 * How much the check digits may change: a zone read well has a few doubtful characters; one that needs many
 * changes is misread, and some choice of many doubtful characters passes every check digit by chance.
 */
const MAX_REPAIRS = 3;
const MAX_REPAIR_COST = 0.15;
/** Mean template fit below which the zone is not read as OCR-B at all, and below which it is not repaired. */
const MIN_FIT = 0.75;
const MIN_FIT_TO_REPAIR = 0.82;

export interface ZoneReading {
  lines: string[];
  layout: MrzLayout['name'];
  /** Whether every check digit passes (after choosing among the candidates). */
  checked: boolean;
  /** Mean best template score of the cells, 0 … 1. */
  fit: number;
  /** The lowest template score of a character that a check digit covers. */
  weakest: number;
}

/**
 * Reads an MRZ band cell by cell: the two or three lines found by their ink, each laid out as the fixed-pitch
 * cells OCR-B is printed in, every cell scored against the 37 OCR-B templates, and the characters chosen by what
 * each position may hold and by the check digits. Independent of any OCR engine: it is what reads `<<<<` runs
 * that engines merge or take for K and L.
 */
export function readZone(image: PageImage, countries?: ReadonlySet<string>, engineLines: string[] = []): ZoneReading | null {
  const g = darkness(image);
  const found = findInkLines(g);
  if (found.length < 2) return null;
  // the lines of a zone start at one margin and are equally long: a line cut short by the photo's edge or a
  // faint filler run takes the extent of the longest
  const left = upperMedian(found.map((l) => l.left));
  const right = Math.max(...found.map((l) => l.right));
  const ink = found.map((l) => ({ ...l, left, right }));
  // each line's baseline and slant do not depend on how many cells it holds: found once
  const shapes = ink.map((line) => {
    const baseline = fitBaseline(g, line);
    return { line, baseline, shear: estimateShear(g, line, baseline) };
  });
  const lengths = ink.length === 3 ? [30] : [44, 36];
  let best: { length: number; scored: ScoredLine[]; fit: number } | null = null;
  for (const length of lengths) {
    const scored = shapes.map(({ line, baseline, shear }) => scoreLine(g, alignLayout(g, initialLayout(line, length, baseline, shear)).layout));
    const fit = scored.reduce((s, l) => s + l.fit, 0) / scored.length;
    if (!best || fit > best.fit) best = { length, scored, fit };
  }
  // cells that fit OCR-B this poorly are another font (or no MRZ): the engines' readings are worth more
  if (!best || best.fit < MIN_FIT) return null;
  const layout = chooseLayout(layoutsFor(ink.length, best.length), best.scored);
  if (!layout) return null;
  // country codes are letters, but a zone that prints digits there (some national cards do) is read as printed
  const inCountry = (l: number, p: number) => layout.countries.some(([line, start, end]) => line === l && p >= start && p < end);
  const kinds = best.scored.map((line, l) => line.cells.map((_, p) => (inCountry(l, p) ? 'country' : layout.kinds[l][p])));
  const choices = best.scored.map((line, l) => line.cells.map((scores, p) => choicesFor(scores, kinds[l][p])));
  const unchecked = uncheckedPositions(layout);
  withEngineReadings(choices, engineLines, unchecked);
  choices.forEach((line, l) => preferDigitsNextToDigits(line, kinds[l]));
  const repair = repairZone(layout, choices);
  const repaired = repair && best.fit >= MIN_FIT_TO_REPAIR && repair.changes <= MAX_REPAIRS && repair.cost <= MAX_REPAIR_COST ? repair.lines : null;
  const read = repaired ?? choices.map((line) => line.map((c) => c[0].ch).join(''));
  const lines = countries ? withKnownCountries(read, layout, choices, countries) : read;
  // how well the worst character a check digit vouches for fits its template: check digits passing by chance
  // over a smudge are what this catches
  let weakest = 1;
  lines.forEach((line, l) =>
    [...line].forEach((ch, p) => {
      if (!unchecked.has(`${l}:${p}`)) weakest = Math.min(weakest, best!.scored[l].cells[p][MRZ_ALPHABET.indexOf(ch)]);
    }),
  );
  return {
    lines,
    layout: layout.name,
    checked: repaired !== null,
    fit: Math.round(best.fit * 1000) / 1000,
    weakest: Math.round(weakest * 1000) / 1000,
  };
}

/** The middle value; of two, the larger: of two lines' starts, the one a stamp or a smudge did not pull left. */
function upperMedian(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** How close to a cell's best score an engine's character must be for the engine's reading to win. */
const ENGINE_HINT_COST = 0.15;

/**
 * At a few pixels a character, E and F or O and Q score close, and names are covered by no check digit. Where no
 * check digit reaches, an engine's reading of the line (the same length once trailing fillers are fitted, mostly
 * the same characters, so it is aligned) settles such a character when the cell scores it nearly as well: engines
 * read words well. Where check digits reach, they decide: engines take 0 for O there as often as not.
 */
function withEngineReadings(choices: Choice[][][], readings: string[], unchecked: Set<string>): void {
  choices.forEach((line, i) => {
    const ours = line.map((c) => c[0].ch).join('');
    for (const raw of readings) {
      const theirs = raw.length > ours.length ? trimFillers(raw, ours.length) : raw.padEnd(ours.length, '<');
      let same = 0;
      for (let p = 0; p < ours.length; p++) if (theirs[p] === ours[p]) same++;
      if (theirs.length !== ours.length || same < 0.8 * ours.length) continue;
      [...theirs].forEach((ch, p) => {
        const options = line[p];
        const hinted = options.find((c) => c.ch === ch);
        if (!unchecked.has(`${i}:${p}`) || !hinted || hinted.cost === 0 || hinted.cost > ENGINE_HINT_COST || ch === '<') return;
        line[p] = options.map((c) => ({ ch: c.ch, cost: c === hinted ? 0 : c.cost + hinted.cost })).sort((a, b) => a.cost - b.cost);
      });
    }
  });
}

/** Positions no check digit covers, as "line:position": names, country codes, a visa's optional data. */
function uncheckedPositions(layout: MrzLayout): Set<string> {
  const covered = new Set<string>();
  for (const group of [...layout.groups, ...(layout.composite ? [layout.composite] : [])]) {
    for (const [l, p] of [...positionsOf(group.data), group.check]) covered.add(`${l}:${p}`);
  }
  const out = new Set<string>();
  for (let l = 0; l < layout.lines; l++) for (let p = 0; p < layout.length; p++) if (!covered.has(`${l}:${p}`)) out.add(`${l}:${p}`);
  return out;
}

/**
 * The issuing state and nationality as the cheapest known ICAO code among the candidates (check digits do not
 * cover them, the list of codes does); a code no candidate spells stays as read.
 */
function withKnownCountries(lines: string[], layout: MrzLayout, choices: Choice[][][], countries: ReadonlySet<string>): string[] {
  const out = lines.map((l) => [...l]);
  for (const [line, start, end] of layout.countries) {
    let best: { code: string; cost: number } | null = null;
    const walk = (p: number, code: string, cost: number) => {
      if (p === end) {
        if (countries.has(code) && (!best || cost < best.cost)) best = { code, cost };
        return;
      }
      for (const c of choices[line][p]) walk(p + 1, code + c.ch, cost + c.cost);
    };
    walk(start, '', 0);
    if (best) [...(best as { code: string }).code].forEach((ch, i) => (out[line][start + i] = ch));
  }
  return out.map((l) => l.join(''));
}

/** A visa's zone starts with V; any other document code is a TD1/TD2/TD3 card or passport. */
function chooseLayout(options: MrzLayout[], lines: ScoredLine[]): MrzLayout | null {
  if (options.length <= 1) return options[0] ?? null;
  const first = lines[0].cells[0];
  const letter = [...ALLOWED.alpha].filter((c) => c !== '<').sort((a, b) => first[MRZ_ALPHABET.indexOf(b)] - first[MRZ_ALPHABET.indexOf(a)])[0];
  return options.find((o) => o.name.startsWith('MRV') === (letter === 'V')) ?? options[0];
}

/** What reading a letter costs when it stands next to a digit in a number, against a digit read nearly as well. */
const DIGIT_CONTEXT_COST = 0.1;
/** The digits a blurred letter of OCR-B is taken for (and the other way round): only these trade places. */
const DIGIT_TWINS: Record<string, string> = { O: '0', Q: '0', D: '0', U: '0', B: '80', G: '60', I: '1', L: '1', J: '1', Z: '2', S: '5', A: '4' };

/**
 * In a number (document numbers, optional data) a letter next to a digit gives way to a digit read nearly as
 * well: at a few pixels a character, O, Q, B and G against 0, 6 and 8 are that close (S0002068, not SOOO2G68).
 * Applied until nothing changes, since each digit settled makes its neighbour's case.
 */
function preferDigitsNextToDigits(line: Choice[][], kinds: string[]): void {
  const isDigit = (p: number) => p >= 0 && p < line.length && /[0-9]/.test(line[p][0].ch);
  for (let pass = 0; pass < line.length; pass++) {
    let changed = false;
    for (let p = 0; p < line.length; p++) {
      if (kinds[p] !== 'alnum' || !/[A-Z]/.test(line[p][0].ch) || !(isDigit(p - 1) || isDigit(p + 1))) continue;
      const twins = DIGIT_TWINS[line[p][0].ch] ?? '';
      if (!line[p].some((c) => twins.includes(c.ch) && c.cost <= DIGIT_CONTEXT_COST)) continue;
      const rescored = line[p].map((c) => ({ ch: c.ch, cost: c.cost + (/[A-Z]/.test(c.ch) ? DIGIT_CONTEXT_COST : 0) }));
      const low = Math.min(...rescored.map((c) => c.cost));
      line[p] = rescored.map((c) => ({ ch: c.ch, cost: c.cost - low })).sort((a, b) => a.cost - b.cost);
      changed = true;
    }
    if (!changed) break;
  }
}

/** The characters a position may hold, best first, with what each costs against the best. */
function choicesFor(scores: Float32Array, kind: keyof typeof ALLOWED | 'country'): Choice[] {
  const ranked = [...ALLOWED[kind === 'country' ? 'alnum' : kind]]
    .map((ch) => ({ ch, score: scores[MRZ_ALPHABET.indexOf(ch)] }))
    .sort((a, b) => b.score - a.score);
  const top = ranked[0].score;
  return ranked
    .filter((r, i) => i === 0 || r.score >= top - MARGIN)
    .slice(0, MAX_CHOICES)
    .map((r) => ({ ch: r.ch, cost: top - r.score }));
}
