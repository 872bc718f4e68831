export interface DecodedChar {
  char: string;
  /** the character's probability: the best over the time steps it spans */
  prob: number;
  /** first and last time step (inclusive) the character occupies */
  t0: number;
  t1: number;
}

/**
 * A class with more than half the probability is the best of its step: the others share less than half between
 * them. Most steps are blanks at 0.9 and more, so the search over ~6600 classes mostly stops at the first; the margin
 * over 0.5 covers a softmax that sums to a hair over 1 in float arithmetic.
 */
const SURE = 0.5 + 1e-4;

/**
 * Greedy CTC decoding of one sequence of a [N, T, C] softmax output: best class per step, repeats collapsed,
 * blanks (class 0) dropped. Steps past `validSteps` cover padding and are ignored.
 */
export function ctcDecode(probs: Float32Array, sequence: number, steps: number, classes: number, validSteps: number, charset: string[]): DecodedChar[] {
  const out: DecodedChar[] = [];
  let prev = 0;
  const base = sequence * steps * classes;
  for (let t = 0; t < Math.min(steps, validSteps); t++) {
    const row = base + t * classes;
    let best = 0;
    let bestP = probs[row];
    for (let c = 1; c < classes && bestP <= SURE; c++) {
      const p = probs[row + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best === prev) {
      const last = out[out.length - 1];
      last.t1 = t;
      if (bestP > last.prob) last.prob = bestP;
    } else if (best !== 0) {
      out.push({ char: charset[best] ?? '', prob: bestP, t0: t, t1: t });
    }
    prev = best;
  }
  return out;
}
