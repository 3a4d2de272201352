/**
 * The reference ("background") distribution of interventional Shapley values and
 * KernelSHAP: v(S) = Σ_b w_b f(x_S, b_¬S). A weighted set of rows; weights sum to one.
 * This file: uniform and label-stratified subsamples. k-means summary: kmeansBackground.ts.
 */
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import { sampleWithoutReplacement, seededRandom } from './random';

export interface BackgroundSample {
  readonly rows: number;
  readonly cols: number;
  /** Row-major [rows, cols], model feature order. */
  readonly data: Float64Array;
  /** One weight per row, summing to 1. */
  readonly weights: Float64Array;
  /** How it was built, for the report ('all', 'uniform(100, seed 0)', 'kmeans(20, seed 0)', …). */
  readonly description: string;
}

/** Uses every row with equal weight (what the fixtures' exact Shapley references do). */
export function backgroundFromRows(m: FeatureMatrix, description = 'all'): BackgroundSample {
  return { rows: m.rows, cols: m.cols, data: Float64Array.from(m.data), weights: new Float64Array(m.rows).fill(1 / m.rows), description };
}

export interface SampleBackgroundOptions {
  readonly size: number;
  readonly seed?: number;
  /**
   * Optional class label per row: the sample keeps each class's share (proportional
   * allocation, largest remainders), so a rare positive class is not lost from the reference.
   */
  readonly strata?: ArrayLike<number>;
}

function takeRows(m: FeatureMatrix, indices: ArrayLike<number>): Float64Array {
  const out = new Float64Array(indices.length * m.cols);
  for (let i = 0; i < indices.length; i++) out.set(m.data.subarray(indices[i] * m.cols, (indices[i] + 1) * m.cols), i * m.cols);
  return out;
}

/** A uniform (or stratified) sample without replacement of `size` rows, equal weights. */
export function sampleBackground(m: FeatureMatrix, options: SampleBackgroundOptions): BackgroundSample {
  const size = Math.min(options.size, m.rows);
  if (!(size >= 1)) throw new RangeError(`sampleBackground: size must be ≥ 1, got ${options.size}`);
  const seed = options.seed ?? 0;
  const rng = seededRandom(seed);
  let chosen: number[];
  if (!options.strata) {
    chosen = Array.from(sampleWithoutReplacement(m.rows, size, rng)).sort((a, b) => a - b);
  } else {
    const byStratum = new Map<number, number[]>();
    for (let i = 0; i < m.rows; i++) {
      const s = options.strata[i];
      const list = byStratum.get(s) ?? [];
      list.push(i);
      byStratum.set(s, list);
    }
    const groups = [...byStratum.entries()].sort((a, b) => a[0] - b[0]);
    const exact = groups.map(([, rows]) => (rows.length * size) / m.rows);
    const counts = exact.map(Math.floor);
    const byRemainder = exact.map((e, g) => [e - Math.floor(e), g] as const).sort((a, b) => b[0] - a[0]);
    for (let k = 0; counts.reduce((a, b) => a + b, 0) < size; k++) counts[byRemainder[k % groups.length][1]]++;
    chosen = groups.flatMap(([, rows], g) => Array.from(sampleWithoutReplacement(rows.length, counts[g], rng), (i) => rows[i]));
    chosen.sort((a, b) => a - b);
  }
  const kind = options.strata ? 'stratified' : 'uniform';
  return {
    rows: size,
    cols: m.cols,
    data: takeRows(m, chosen),
    weights: new Float64Array(size).fill(1 / size),
    description: `${kind}(${size}, seed ${seed})`,
  };
}
