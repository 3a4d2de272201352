/**
 * Test oracle: every conjunction of feature == value predicates, enumerated without pruning,
 * scored with SliceLine's score, filtered to size ≥ minSupport and score > 0, and ranked in
 * the same total order as the implementation (sliceTopK.ts). Exponential; small inputs only.
 */
import { sliceScore } from '../../../server/engine/slices/sliceScore';
import { compareSlices, type TopKEntry } from '../../../server/engine/slices/sliceTopK';

export interface BruteForceInput {
  readonly codes: readonly ArrayLike<number>[];
  readonly domains: readonly number[];
  readonly errors: ArrayLike<number>;
  readonly k: number;
  readonly alpha: number;
  readonly minSupport: number;
  readonly maxLevel: number;
}

export interface BruteForceSlice {
  readonly items: readonly { feature: number; value: number }[];
  readonly score: number;
  readonly errorSum: number;
  readonly maxError: number;
  readonly size: number;
}

export function bruteForceTopK(input: BruteForceInput): BruteForceSlice[] {
  const n = input.errors.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += input.errors[i];
  const averageError = total / n;
  const d = input.domains.length;
  const maxLevel = input.maxLevel > 0 ? Math.min(input.maxLevel, d) : d;
  const offsets = [0];
  for (let f = 0; f < d; f++) offsets.push(offsets[f] + input.domains[f]);
  const found: TopKEntry[] = [];

  const visit = (feature: number, rows: number[], chosen: number[]): void => {
    if (feature === d) {
      if (chosen.length === 0 || rows.length < input.minSupport) return;
      let se = 0;
      let sm = 0;
      for (const r of rows) {
        se += input.errors[r];
        sm = Math.max(sm, input.errors[r]);
      }
      const score = sliceScore(rows.length, se, averageError, input.alpha, n);
      if (score > 0) found.push({ items: Int32Array.from(chosen), score, errorSum: se, maxError: sm, size: rows.length });
      return;
    }
    visit(feature + 1, rows, chosen);
    if (chosen.length === maxLevel) return;
    for (let v = 0; v < input.domains[feature]; v++) {
      const sub = rows.filter((r) => input.codes[feature][r] === v);
      if (sub.length > 0) visit(feature + 1, sub, [...chosen, offsets[feature] + v]);
    }
  };
  visit(0, Array.from({ length: n }, (_, i) => i), []);
  found.sort(compareSlices);
  const featureOf = (item: number): number => offsets.findIndex((o, f) => item >= o && item < offsets[f + 1]);
  return found.slice(0, input.k).map((e) => ({
    items: Array.from(e.items, (item) => ({ feature: featureOf(item), value: item - offsets[featureOf(item)] })),
    score: e.score,
    errorSum: e.errorSum,
    maxError: e.maxError,
    size: e.size,
  }));
}
