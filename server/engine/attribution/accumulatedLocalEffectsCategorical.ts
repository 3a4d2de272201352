/**
 * ALE of a categorical feature (Apley & Zhu 2020, §5.3, as in their ALEPlot package): with
 * levels in an order c_1..c_K (by similarity — categoryOrderBySimilarity.ts — or by code),
 * the effect of the step c_{k−1} → c_k averages f(c_k, x_∖j) − f(c_{k−1}, x_∖j) over the rows
 * of both levels (forward differences for rows at c_{k−1}, backward for rows at c_k). The
 * effects are accumulated and centred to mean zero weighted by level frequency.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import type { ShapeCurve } from '../../results/report';
import { categoryOrderBySimilarity } from './categoryOrderBySimilarity';

export interface CategoricalAleOptions {
  /** 'similarity' (default) or 'code'; or an explicit list of level codes. */
  readonly order?: 'similarity' | 'code' | readonly number[];
  /** Indices of categorical features, for the similarity distance. */
  readonly categorical?: ReadonlySet<number>;
  /** Display names of the codes (grid labels); default the codes themselves. */
  readonly levelNames?: ReadonlyMap<number, string>;
}

export async function accumulatedLocalEffectsCategorical(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  feature: number,
  options: CategoricalAleOptions = {},
): Promise<ShapeCurve[]> {
  const { rows: n, cols: d } = data;
  const w = evaluator.outputWidth;
  const order = options.order ?? 'similarity';
  const levels = Array.isArray(order)
    ? [...(order as readonly number[])]
    : order === 'code'
      ? [...new Set(Array.from({ length: n }, (_, i) => data.data[i * d + feature]).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b)
      : categoryOrderBySimilarity(data, feature, options.categorical);
  const K = levels.length;
  const position = new Map(levels.map((lv, k) => [lv, k] as const));
  const counts = new Float64Array(K);
  // For each row at level k: evaluate at its neighbours' levels (k−1 and k+1) as well as at k.
  const rows: number[] = [];
  const settings: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = position.get(data.data[i * d + feature]);
    if (k === undefined) continue;
    counts[k]++;
    for (const kk of [k - 1, k, k + 1]) if (kk >= 0 && kk < K) { rows.push(i); settings.push(kk); }
  }
  const stacked = new Float64Array(rows.length * d);
  rows.forEach((i, r) => {
    stacked.set(data.data.subarray(i * d, (i + 1) * d), r * d);
    stacked[r * d + feature] = levels[settings[r]];
  });
  const y = await evaluator.predict(stacked, rows.length);
  // step[k] (k ≥ 1) sums f(c_k) − f(c_{k−1}) over rows at levels k−1 and k.
  const step = Array.from({ length: w }, () => new Float64Array(K));
  let r = 0;
  while (r < rows.length) {
    const i = rows[r];
    const k = position.get(data.data[i * d + feature]) as number;
    const at = new Map<number, number>();
    for (; r < rows.length && rows[r] === i; r++) at.set(settings[r], r);
    const self = at.get(k) as number;
    for (let o = 0; o < w; o++) {
      if (at.has(k - 1)) step[o][k] += y[self * w + o] - y[(at.get(k - 1) as number) * w + o];
      if (at.has(k + 1)) step[o][k + 1] += y[(at.get(k + 1) as number) * w + o] - y[self * w + o];
    }
  }
  const total = counts.reduce((a, b) => a + b, 0);
  const grid = levels.map((lv) => options.levelNames?.get(lv) ?? lv);
  return step.map((st) => {
    const g = new Float64Array(K);
    for (let k = 1; k < K; k++) g[k] = g[k - 1] + (counts[k] + counts[k - 1] > 0 ? st[k] / (counts[k] + counts[k - 1]) : 0);
    let centre = 0;
    for (let k = 0; k < K; k++) centre += (counts[k] * g[k]) / total;
    return { feature: data.names[feature], kind: 'ale' as const, grid, values: Array.from(g, (v) => v - centre) };
  });
}
