import { createSeededRandom, randomInt } from './seededRandom';

export interface BootstrapOptions {
  /** Number of resamples; 1000 keeps the Monte-Carlo error of a 95% percentile bound near ±0.5 pp. */
  readonly resamples?: number;
  /** Confidence level, default 0.95. */
  readonly level?: number;
  /** PRNG seed; the same seed gives the same interval. */
  readonly seed?: number;
}

export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
export const DEFAULT_BOOTSTRAP_SEED = 20210620;

/**
 * Percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13) of a statistic of `size`
 * items. `statistic` receives a resample as an index array (indices into 0..size-1, with
 * repetition) and returns a number; NaN resamples (e.g. an AUC without positives) are dropped.
 *
 * @returns [lower, upper]; [NaN, NaN] when size is 0 or every resample is NaN
 */
export function bootstrapInterval(
  size: number,
  statistic: (sample: Int32Array) => number,
  options: BootstrapOptions = {},
): [number, number] {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const level = options.level ?? 0.95;
  if (!(size > 0) || !(resamples > 0)) return [NaN, NaN];
  const random = createSeededRandom(options.seed ?? DEFAULT_BOOTSTRAP_SEED);
  const sample = new Int32Array(size);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < size; i++) sample[i] = randomInt(random, size);
    const v = statistic(sample);
    if (!Number.isNaN(v)) values.push(v);
  }
  if (values.length === 0) return [NaN, NaN];
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return [quantileSorted(values, tail), quantileSorted(values, 1 - tail)];
}

/** Linear-interpolation quantile of sorted values (type 7, the R / numpy default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
