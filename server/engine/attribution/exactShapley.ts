/**
 * Exact interventional Shapley values by enumerating all 2^d coalitions (Shapley 1953;
 * Štrumbelj & Kononenko 2014): φ_i = Σ_{S ⊆ N∖{i}} |S|!(d−|S|−1)!/d! · [v(S∪{i}) − v(S)],
 * with v the interventional value function against a background (coalitionValues.ts).
 * Cost: 2^d × background rows model rows per explained row, so it is limited to small d.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import type { BackgroundSample } from './backgroundSample';
import { coalitionValues, type CoalitionScratch } from './coalitionValues';
import type { ShapleyExplanation } from './shapleyExplanation';

/** 2^14 coalitions × a 100-row background is ~1.6M model rows per explained row. */
export const EXACT_SHAPLEY_MAX_FEATURES = 14;

export interface ExactShapleyOptions {
  /** Refuse more features than this (default EXACT_SHAPLEY_MAX_FEATURES). */
  readonly maxFeatures?: number;
  /** Explained rows per evaluator pass; bounds memory of the mask sets. Default 16. */
  readonly rowsPerPass?: number;
}

/** All 2^d coalitions as a [2^d, d] mask; coalition index bit j = feature j present. */
export function allCoalitionMasks(d: number): Uint8Array {
  const K = 2 ** d;
  const masks = new Uint8Array(K * d);
  for (let s = 0; s < K; s++) for (let j = 0; j < d; j++) masks[s * d + j] = (s >> j) & 1;
  return masks;
}

/** Shapley weight |S|!(d−|S|−1)!/d! for each coalition size |S| = 0..d−1. */
export function shapleyWeights(d: number): Float64Array {
  const w = new Float64Array(d);
  // w(s) = 1 / (d · C(d−1, s)), computed by the binomial recurrence to avoid factorials.
  let binom = 1;
  for (let s = 0; s < d; s++) {
    w[s] = 1 / (d * binom);
    binom = (binom * (d - 1 - s)) / (s + 1);
  }
  return w;
}

function popcount(s: number): number {
  let c = 0;
  for (; s; s &= s - 1) c++;
  return c;
}

/** φ from v over all coalitions ([2^d, w], index = bitmask): the enumeration formula. */
export function shapleyFromAllCoalitions(v: Float64Array, d: number, w: number): Float64Array {
  const weights = shapleyWeights(d);
  const phi = new Float64Array(d * w);
  const K = 2 ** d;
  for (let s = 0; s < K; s++) {
    const ws = weights[popcount(s)] ?? 0;
    for (let i = 0; i < d; i++) {
      if ((s >> i) & 1) continue;
      const t = s | (1 << i);
      for (let o = 0; o < w; o++) phi[i * w + o] += ws * (v[t * w + o] - v[s * w + o]);
    }
  }
  return phi;
}

export async function exactShapley(
  evaluator: BatchingEvaluator,
  explain: FeatureMatrix,
  background: BackgroundSample,
  options: ExactShapleyOptions = {},
): Promise<ShapleyExplanation> {
  const d = explain.cols;
  const w = evaluator.outputWidth;
  const maxFeatures = options.maxFeatures ?? EXACT_SHAPLEY_MAX_FEATURES;
  if (d > maxFeatures) {
    throw new RangeError(
      `exact Shapley needs 2^d = ${2 ** d} coalitions per row for d = ${d} features, above the limit of ` +
        `d ≤ ${maxFeatures}; use method 'kernelshap' with a --budget, or raise maxFeatures`,
    );
  }
  const K = 2 ** d;
  const masks = allCoalitionMasks(d);
  const values = new Float64Array(explain.rows * d * w);
  const prediction = new Float64Array(explain.rows * w);
  let baseValue = new Float64Array(w);
  const perPass = Math.max(1, options.rowsPerPass ?? 16);
  const scratch: CoalitionScratch = {};
  for (let r0 = 0; r0 < explain.rows; r0 += perPass) {
    const m = Math.min(perPass, explain.rows - r0);
    const v = await coalitionValues(
      evaluator,
      explain.data.subarray(r0 * d, (r0 + m) * d),
      Array.from({ length: m }, () => masks),
      background,
      scratch,
    );
    v.forEach((vr, i) => {
      values.set(shapleyFromAllCoalitions(vr, d, w), (r0 + i) * d * w);
      prediction.set(vr.subarray((K - 1) * w, K * w), (r0 + i) * w);
      baseValue = vr.slice(0, w);
    });
  }
  return {
    method: 'exact',
    features: explain.names,
    rows: explain.rows,
    outputWidth: w,
    baseValue,
    values,
    prediction,
    evaluationsPerRow: K,
    background: background.description,
  };
}
