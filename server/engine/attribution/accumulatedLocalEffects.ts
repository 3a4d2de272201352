/**
 * Accumulated local effects of a numeric feature (Apley & Zhu 2020, JRSS-B, eq. 15–16):
 * split the feature at quantiles z_0 < … < z_K; in interval k the local effect is the mean,
 * over rows whose value lies in (z_{k−1}, z_k], of f(z_k, x_∖j) − f(z_{k−1}, x_∖j); the
 * effects are accumulated and centred to mean zero over the data. Unlike PD, only
 * realistic rows (near their own value) are evaluated, so correlated features do not
 * produce extrapolated curves. Centring as in the authors' ALEPlot package: each interval
 * contributes the mean of its two end values, weighted by its row count.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import type { ShapeCurve } from '../../results/report';
import { quantile } from './summaryStats';

export interface AleOptions {
  /** Number of quantile intervals K (fewer when quantiles coincide). Default 20. */
  readonly intervals?: number;
}

/** Interval edges z_0..z_K at the k/K quantiles of the non-missing values, duplicates removed. */
export function aleEdges(column: ArrayLike<number>, intervals: number): Float64Array {
  const present = Float64Array.from(column).filter((v) => !Number.isNaN(v));
  const edges = Array.from({ length: intervals + 1 }, (_, k) => quantile(present, k / intervals));
  return Float64Array.from(new Set(edges)).sort();
}

/** Interval k ∈ 1..K of value v: the first k with v ≤ z_k (the minimum falls into interval 1). */
export function aleInterval(edges: Float64Array, v: number): number {
  let lo = 1, hi = edges.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export async function accumulatedLocalEffects(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  feature: number,
  options: AleOptions = {},
): Promise<ShapeCurve[]> {
  const { cols: d } = data;
  const w = evaluator.outputWidth;
  const rowsPresent: number[] = [];
  for (let i = 0; i < data.rows; i++) if (!Number.isNaN(data.data[i * d + feature])) rowsPresent.push(i);
  const column = rowsPresent.map((i) => data.data[i * d + feature]);
  const edges = aleEdges(column, options.intervals ?? 20);
  const K = edges.length - 1;
  if (K < 1) throw new RangeError(`ALE: feature ${data.names[feature]} has a single value; nothing to accumulate`);
  const n = rowsPresent.length;
  // Row i twice: at the upper and at the lower edge of its interval.
  const stacked = new Float64Array(2 * n * d);
  const interval = new Int32Array(n);
  rowsPresent.forEach((row, i) => {
    interval[i] = aleInterval(edges, column[i]);
    const src = data.data.subarray(row * d, (row + 1) * d);
    stacked.set(src, 2 * i * d);
    stacked.set(src, (2 * i + 1) * d);
    stacked[2 * i * d + feature] = edges[interval[i]];
    stacked[(2 * i + 1) * d + feature] = edges[interval[i] - 1];
  });
  const y = await evaluator.predict(stacked, 2 * n);
  const counts = new Float64Array(K + 1);
  const effect = Array.from({ length: w }, () => new Float64Array(K + 1));
  for (let i = 0; i < n; i++) {
    counts[interval[i]]++;
    for (let o = 0; o < w; o++) effect[o][interval[i]] += y[2 * i * w + o] - y[(2 * i + 1) * w + o];
  }
  return effect.map((eff) => {
    const g = new Float64Array(K + 1);
    for (let k = 1; k <= K; k++) g[k] = g[k - 1] + (counts[k] ? eff[k] / counts[k] : 0);
    let centre = 0;
    for (let k = 1; k <= K; k++) centre += (counts[k] * (g[k - 1] + g[k])) / 2 / n;
    return { feature: data.names[feature], kind: 'ale' as const, grid: Array.from(edges), values: Array.from(g, (v) => v - centre) };
  });
}
