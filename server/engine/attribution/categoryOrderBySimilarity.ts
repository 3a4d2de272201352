/**
 * Orders the levels of a categorical feature so that similar levels are adjacent, as ALE
 * for categorical features requires (Apley & Zhu 2020, §5.3; their ALEPlot package): the
 * distance between two levels sums, over every other feature, the Kolmogorov–Smirnov
 * distance (numeric features) or total-variation distance (categorical features) between
 * that feature's distributions in the rows of the two levels; the levels are then sorted by
 * their one-dimensional classical multidimensional scaling coordinate.
 */
import type { FeatureMatrix } from '../evaluator/featureMatrix';

function ksDistance(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0, j = 0, best = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] <= v) i++;
    while (j < b.length && b[j] <= v) j++;
    best = Math.max(best, Math.abs(i / a.length - j / b.length));
  }
  return best;
}

function totalVariation(a: Float64Array, b: Float64Array): number {
  const share = new Map<number, number>();
  for (const v of a) share.set(v, (share.get(v) ?? 0) + 1 / a.length);
  for (const v of b) share.set(v, (share.get(v) ?? 0) - 1 / b.length);
  let s = 0;
  for (const v of share.values()) s += Math.abs(v);
  return s / 2;
}

/** First principal coordinate of classical MDS, by power iteration on −½·J·D²·J. */
function firstMdsCoordinate(D: Float64Array, K: number): Float64Array {
  const B = new Float64Array(K * K);
  const rowMean = new Float64Array(K);
  let all = 0;
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) { const d2 = D[a * K + b] ** 2; rowMean[a] += d2 / K; all += d2 / (K * K); }
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) B[a * K + b] = -0.5 * (D[a * K + b] ** 2 - rowMean[a] - rowMean[b] + all);
  let v = Float64Array.from({ length: K }, (_, a) => a + 1 - (K + 1) / 2 + 0.1); // deterministic, not orthogonal to the top vector
  for (let it = 0; it < 500; it++) {
    const next = new Float64Array(K);
    for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) next[a] += B[a * K + b] * v[b];
    const norm = Math.hypot(...next);
    if (norm === 0) return v;
    v = next.map((x) => x / norm);
  }
  return v;
}

/**
 * Levels (codes) of `feature` ordered by similarity. `categorical` lists the indices of
 * categorical features (for the choice of distance).
 */
export function categoryOrderBySimilarity(data: FeatureMatrix, feature: number, categorical: ReadonlySet<number> = new Set()): number[] {
  const { rows: n, cols: d } = data;
  const levels = [...new Set(Array.from({ length: n }, (_, i) => data.data[i * d + feature]).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
  const K = levels.length;
  if (K <= 2) return levels;
  const D = new Float64Array(K * K);
  for (let j = 0; j < d; j++) {
    if (j === feature) continue;
    const byLevel = levels.map((lv) => {
      const vals: number[] = [];
      for (let i = 0; i < n; i++) if (data.data[i * d + feature] === lv && !Number.isNaN(data.data[i * d + j])) vals.push(data.data[i * d + j]);
      return Float64Array.from(vals).sort();
    });
    for (let a = 0; a < K; a++) for (let b = a + 1; b < K; b++) {
      const dist = categorical.has(j) ? totalVariation(byLevel[a], byLevel[b]) : ksDistance(byLevel[a], byLevel[b]);
      D[a * K + b] += dist;
      D[b * K + a] += dist;
    }
  }
  const coord = firstMdsCoordinate(D, K);
  return levels.map((lv, a) => ({ lv, c: coord[a] })).sort((p, q) => p.c - q.c || p.lv - q.lv).map((p) => p.lv);
}
