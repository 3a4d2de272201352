import { takeRows, type Dataset } from '../loaders/data/dataset';
import type { Task } from '../results/report';
import type { SplitData } from './loadModelContext';
import { stratifiedRows } from './stratifiedSample';

/**
 * Rows per split that the per-feature leakage statistics read (cross-fitted single-feature
 * power, round-number contrasts, direction curves, proxies, drift). Each costs a few sorts of
 * a column per feature: at a million rows × 50 features that is minutes, while 100 000 rows
 * already pin an AUC to ±0.003 and put thousands of rows in each round-number window.
 * Duplicate rows, identifiers and fairness gaps still read every row (README, "Data that does not fit").
 */
export const LEAKAGE_ROWS = 100_000;

/** One split as the leakage checks see it: every row, or the stratified sample of them. */
export interface LeakageSplit {
  readonly data: Dataset;
  readonly labels: Float64Array;
  /** Model output rows of this split (test split only), in `data`'s row order. */
  readonly predictions?: Float64Array;
  /** Rows of the split held (ascending); undefined = all rows. */
  readonly sample?: Uint32Array;
}

/**
 * The split's rows for the sampled leakage checks: all of them up to `limit`, else a seeded
 * sample stratified by label (stratifiedSample.ts), with the matching labels and predictions
 * (`width` outputs per row).
 */
export function leakageSplit(split: SplitData, task: Task, predictions: Float64Array | undefined, width: number, seed: number, limit = LEAKAGE_ROWS): LeakageSplit {
  const sample = stratifiedRows(split.labels, task, limit, seed);
  if (!sample) return { data: split.data, labels: split.labels, predictions };
  const labels = Float64Array.from(sample, (r) => split.labels[r]);
  let sampled: Float64Array | undefined;
  if (predictions) {
    sampled = new Float64Array(sample.length * width);
    for (let i = 0; i < sample.length; i++) for (let k = 0; k < width; k++) sampled[i * width + k] = predictions[sample[i] * width + k];
  }
  return { data: takeRows(split.data, sample), labels, predictions: sampled, sample };
}
