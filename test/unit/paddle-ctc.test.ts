import { ctcDecode } from '../../src/engines/paddle/ctc';

const CHARSET = ['', ...'abcdefghij'];
const CLASSES = CHARSET.length;

/** A softmax row with `winner` at probability `p`, the rest spread by a seeded pseudo-random sequence. */
function row(winner: number, p: number, seed: number): number[] {
  const rest = Array.from({ length: CLASSES }, (_, c) => (c === winner ? 0 : ((seed * 9301 + c * 49297) % 233280) / 233280 + 0.01));
  const sum = rest.reduce((a, b) => a + b, 0);
  return rest.map((v, c) => (c === winner ? p : (v / sum) * (1 - p)));
}

/** Every class looked at, every step: what the early stop must agree with. */
function reference(rows: number[][]): string {
  let prev = 0;
  let out = '';
  for (const r of rows) {
    const best = r.indexOf(Math.max(...r));
    if (best !== 0 && best !== prev) out += CHARSET[best];
    prev = best;
  }
  return out;
}

test('greedy decoding: repeats collapse, blanks separate, steps past the valid ones are ignored', () => {
  // a a _ a b b _ | c (padding)
  const winners = [1, 1, 0, 1, 2, 2, 0, 3];
  const rows = winners.map((w, t) => row(w, 0.9, t));
  const probs = Float32Array.from(rows.flat());
  const chars = ctcDecode(probs, 0, rows.length, CLASSES, 7, CHARSET);
  expect(chars.map((c) => c.char).join('')).toBe('aab');
  expect(chars.map((c) => [c.t0, c.t1])).toEqual([
    [0, 1],
    [3, 3],
    [4, 5],
  ]);
  expect(chars[0].prob).toBeCloseTo(0.9, 6);
});

test('unsure steps (no class above one half) are searched in full, and agree with looking at every class', () => {
  const rows: number[][] = [];
  for (let t = 0; t < 400; t++) {
    const winner = (t * 7) % CLASSES;
    // winners between 0.2 and 0.95: below one half another class may still win, and the search must find it
    rows.push(row(winner, 0.2 + ((t * 37) % 76) / 100, t));
    // two close contenders, the later one ahead: a search stopping at the first likely class gets these wrong
    const close = new Array<number>(CLASSES).fill(0.02 / (CLASSES - 2));
    close[t % CLASSES] = 0.48;
    close[(t + 3) % CLASSES] = 0.5;
    rows.push(close);
  }
  const probs = Float32Array.from(rows.flat());
  const chars = ctcDecode(probs, 0, rows.length, CLASSES, rows.length, CHARSET);
  expect(chars.map((c) => c.char).join('')).toBe(reference(rows.map((r) => Array.from(Float32Array.from(r)))));
});
