import { charValue, positionsOf, WEIGHTS, type CheckGroup, type MrzLayout, type Position } from './layouts';

/** A reading of one position: a character and what choosing it over the best reading costs (0 for the best). */
export interface Choice {
  ch: string;
  cost: number;
}

/**
 * The cheapest reading of a zone whose check digits all pass, choosing among each position's likely characters:
 * how the check digits "choose between OCR confusions" (0/O, 8/B, 5/S …) when the best reading fails them. The
 * composite check digit is solved together with the field check digits it covers (one pass over its positions,
 * tracking both running sums mod 10); groups outside a composite (visas) are solved one by one. A position no
 * check digit covers (names) keeps its best reading. Returns null when no choice within the candidates passes.
 */
export interface Repair {
  lines: string[];
  /** Positions read otherwise than their best reading, and what that cost in score. */
  changes: number;
  cost: number;
}

export function repairZone(layout: MrzLayout, choices: Choice[][][]): Repair | null {
  const chosen = choices.map((line) => line.map((c) => c[0].ch));
  const solved: Array<{ positions: Position[]; picks: string[] }> = [];
  if (layout.composite) {
    const result = solve(layout.composite, layout.groups, choices);
    if (!result) return null;
    solved.push(result);
  } else {
    for (const group of layout.groups) {
      const result = solve(null, [group], choices);
      if (!result) return null;
      solved.push(result);
    }
  }
  let changes = 0,
    cost = 0;
  for (const { positions, picks } of solved) {
    positions.forEach(([l, p], i) => {
      const pick = choices[l][p].find((c) => c.ch === picks[i])!;
      if (pick.cost > 0) [changes, cost] = [changes + 1, cost + pick.cost];
      chosen[l][p] = picks[i];
    });
  }
  return { lines: chosen.map((l) => l.join('')), changes, cost };
}

interface Step {
  position: Position;
  /** Index of the group this position is data of, or whose check digit it is; -1 for neither. */
  group: number;
  isCheck: boolean;
  /** Weight in its group's sum, and in the composite's. */
  groupWeight: number;
  compositeWeight: number;
}

function steps(composite: CheckGroup | null, groups: CheckGroup[]): Step[] {
  const sequence = composite ? positionsOf(composite.data) : positionsOf(groups[0].data).concat([groups[0].check]);
  const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
  return sequence.map((position, k) => {
    for (let g = 0; g < groups.length; g++) {
      if (same(groups[g].check, position)) return { position, group: g, isCheck: true, groupWeight: 0, compositeWeight: WEIGHTS[k % 3] };
      const data = positionsOf(groups[g].data);
      const index = data.findIndex((p) => same(p, position));
      if (index >= 0) return { position, group: g, isCheck: false, groupWeight: WEIGHTS[index % 3], compositeWeight: WEIGHTS[k % 3] };
    }
    return { position, group: -1, isCheck: false, groupWeight: 0, compositeWeight: WEIGHTS[k % 3] };
  });
}

/**
 * Dynamic programming over the positions in check order; a state is (group sum mod 10, composite sum mod 10). A
 * group's check digit is only taken where it equals its group's sum, which then starts again from 0.
 */
function solve(composite: CheckGroup | null, groups: CheckGroup[], choices: Choice[][][]): { positions: Position[]; picks: string[] } | null {
  const plan = steps(composite, groups);
  let cost = new Float64Array(100).fill(Infinity);
  cost[0] = 0;
  const back: Array<{ from: Int16Array; pick: Int8Array }> = [];
  for (const step of plan) {
    const options = choices[step.position[0]][step.position[1]];
    const next = new Float64Array(100).fill(Infinity);
    const from = new Int16Array(100).fill(-1);
    const pick = new Int8Array(100).fill(-1);
    for (let s = 0; s < 100; s++) {
      if (cost[s] === Infinity) continue;
      const gs = Math.floor(s / 10),
        cs = s % 10;
      options.forEach((option, o) => {
        const v = charValue(option.ch);
        let g = gs;
        if (step.isCheck) {
          if (v !== gs || !/^[0-9<]$/.test(option.ch)) return;
          g = 0;
        } else if (step.group >= 0) {
          g = (gs + v * step.groupWeight) % 10;
        }
        const c = (cs + v * step.compositeWeight) % 10;
        const t = g * 10 + c;
        const total = cost[s] + option.cost;
        if (total < next[t]) {
          next[t] = total;
          from[t] = s;
          pick[t] = o;
        }
      });
    }
    back.push({ from, pick });
    cost = next;
  }

  // the composite digit (if any) closes the sequence: it must equal the composite sum
  let end = -1;
  let endPick = -1;
  let best = Infinity;
  const final = composite ? choices[composite.check[0]][composite.check[1]] : null;
  for (let s = 0; s < 100; s++) {
    if (cost[s] === Infinity || Math.floor(s / 10) !== 0) continue;
    if (!final) {
      if (cost[s] < best) [best, end] = [cost[s], s];
      continue;
    }
    final.forEach((option, o) => {
      if (!/^[0-9]$/.test(option.ch) || charValue(option.ch) !== s % 10) return;
      if (cost[s] + option.cost < best) [best, end, endPick] = [cost[s] + option.cost, s, o];
    });
  }
  if (end < 0) return null;

  const picks: string[] = new Array(plan.length);
  let s = end;
  for (let i = plan.length - 1; i >= 0; i--) {
    const { from, pick } = back[i];
    picks[i] = choices[plan[i].position[0]][plan[i].position[1]][pick[s]].ch;
    s = from[s];
  }
  const positions = plan.map((p) => p.position);
  if (composite && final) {
    positions.push(composite.check);
    picks.push(final[endPick].ch);
  }
  return { positions, picks };
}
