/**
 * Ruling lines of a page: long runs of dark pixels, horizontal and vertical, found on the grey image.
 * Text strokes are short, so a run several character widths long is a rule; runs in neighbouring pixel rows
 * (a thick or anti-aliased rule) are merged into one.
 */
export interface Rule {
  /** y of a horizontal rule, x of a vertical one (the middle of its thickness) */
  pos: number;
  /** where the rule starts and ends along its length */
  from: number;
  to: number;
  /** pixels across */
  thickness: number;
}

export interface Rules {
  horizontal: Rule[];
  vertical: Rule[];
}

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Pixels darker than this (0..255) are ink. Rules are drawn dark; light grid tints are not rules. */
const INK = 150;
/** Gaps up to this many pixels inside a run are bridged (anti-aliasing, scan speckle, a crossing line's halo). */
const MAX_GAP = 3;
/** A rule's pixel rows may sit this far apart and still be one rule (thick rules, slight skew). */
const MAX_THICKNESS_STEP = 2;

export function findRules(image: GrayImage): Rules {
  const minLength = Math.max(40, Math.round(Math.min(image.width, image.height) * 0.04));
  const horizontal = mergeRuns(scan(image, 'horizontal', minLength));
  const vertical = mergeRuns(scan(image, 'vertical', minLength));
  return { horizontal, vertical };
}

interface Run {
  line: number;
  from: number;
  to: number;
}

function scan(image: GrayImage, direction: 'horizontal' | 'vertical', minLength: number): Run[] {
  const { data, width, height } = image;
  const lines = direction === 'horizontal' ? height : width;
  const length = direction === 'horizontal' ? width : height;
  const at = direction === 'horizontal' ? (line: number, i: number) => data[line * width + i] : (line: number, i: number) => data[i * width + line];
  const runs: Run[] = [];
  for (let line = 0; line < lines; line++) {
    let start = -1;
    let lastInk = -1;
    for (let i = 0; i <= length; i++) {
      const ink = i < length && at(line, i) < INK;
      if (ink) {
        if (start < 0) start = i;
        lastInk = i;
      } else if (start >= 0 && i - lastInk > MAX_GAP) {
        if (lastInk - start + 1 >= minLength) runs.push({ line, from: start, to: lastInk });
        start = -1;
      }
    }
  }
  return runs;
}

/** Runs on neighbouring pixel lines that overlap along their length become one rule. */
function mergeRuns(runs: Run[]): Rule[] {
  interface Open {
    first: number;
    last: number;
    from: number;
    to: number;
  }
  const open: Open[] = [];
  const done: Open[] = [];
  for (const run of runs) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (run.line - open[i].last > MAX_THICKNESS_STEP) done.push(...open.splice(i, 1));
    }
    const joined = open.find((o) => run.from <= o.to && run.to >= o.from);
    if (joined) {
      joined.last = run.line;
      joined.from = Math.min(joined.from, run.from);
      joined.to = Math.max(joined.to, run.to);
    } else {
      open.push({ first: run.line, last: run.line, from: run.from, to: run.to });
    }
  }
  done.push(...open);
  // a "rule" thicker than a few percent of its length is a filled block (a logo, a photo), not a line
  return done
    .filter((o) => o.last - o.first + 1 <= Math.max(8, (o.to - o.from) * 0.05))
    .map((o) => ({ pos: Math.round((o.first + o.last) / 2), from: o.from, to: o.to, thickness: o.last - o.first + 1 }))
    .sort((a, b) => a.pos - b.pos || a.from - b.from);
}
