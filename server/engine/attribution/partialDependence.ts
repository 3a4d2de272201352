/**
 * Partial dependence (Friedman 2001) and ICE curves (Goldstein et al. 2015), "brute"
 * method: for each grid value g, set the feature to g in every row and average the model
 * output. All grid points go to the evaluator as one matrix. One ShapeCurve per model
 * output (binary: P(positive); multiclass: one per class).
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import type { ShapeCurve } from '../../results/report';
import { partialDependenceGrid, type GridOptions } from './partialDependenceGrid';

export interface PartialDependenceOptions extends GridOptions {
  /** Explicit grid; overrides gridResolution / percentiles. */
  readonly grid?: ArrayLike<number>;
  /** Also return ICE curves (one per data row). Default false. */
  readonly ice?: boolean;
}

/** PD/ICE values on the grid: [outputs][grid] averages and, if asked, [outputs][rows][grid]. */
export interface PartialDependenceValues {
  readonly grid: Float64Array;
  readonly average: Float64Array[];
  readonly ice?: Float64Array[][];
}

/** Model outputs with the listed features set to the given values in every row; rows of the result follow `settings`. */
export async function predictWithFeaturesSet(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  features: readonly number[],
  settings: readonly (readonly number[])[],
): Promise<Float64Array> {
  const { rows: n, cols: d } = data;
  const stacked = new Float64Array(settings.length * n * d);
  settings.forEach((values, g) => {
    stacked.set(data.data, g * n * d);
    for (let i = 0; i < n; i++) features.forEach((j, k) => (stacked[(g * n + i) * d + j] = values[k]));
  });
  return evaluator.predict(stacked, settings.length * n);
}

export async function partialDependenceValues(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  feature: number,
  options: PartialDependenceOptions = {},
): Promise<PartialDependenceValues> {
  const n = data.rows;
  const w = evaluator.outputWidth;
  const column = Float64Array.from({ length: n }, (_, i) => data.data[i * data.cols + feature]);
  const grid = options.grid ? Float64Array.from(options.grid) : partialDependenceGrid(column, options);
  const y = await predictWithFeaturesSet(evaluator, data, [feature], Array.from(grid, (g) => [g]));
  const average = Array.from({ length: w }, () => new Float64Array(grid.length));
  const ice = options.ice ? Array.from({ length: w }, () => Array.from({ length: n }, () => new Float64Array(grid.length))) : undefined;
  for (let g = 0; g < grid.length; g++) {
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < w; o++) {
        const v = y[(g * n + i) * w + o];
        average[o][g] += v / n;
        if (ice) ice[o][i][g] = v;
      }
    }
  }
  return { grid, average, ice };
}

/** PD (and ICE) of one feature as ShapeCurves, one per model output. */
export async function partialDependence(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  feature: number,
  options: PartialDependenceOptions = {},
): Promise<ShapeCurve[]> {
  const pd = await partialDependenceValues(evaluator, data, feature, options);
  return pd.average.map((avg, o) => ({
    feature: data.names[feature],
    kind: 'pdp' as const,
    grid: Array.from(pd.grid),
    values: Array.from(avg),
    ...(pd.ice ? { ice: pd.ice[o].map((curve) => Array.from(curve)) } : {}),
  }));
}

/** Two-way PD on the product grid; [outputs][g0 × g1] row-major. */
export async function partialDependence2d(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  features: readonly [number, number],
  grids: readonly [ArrayLike<number>, ArrayLike<number>],
): Promise<Float64Array[]> {
  const n = data.rows;
  const w = evaluator.outputWidth;
  const settings: number[][] = [];
  for (let a = 0; a < grids[0].length; a++) for (let b = 0; b < grids[1].length; b++) settings.push([grids[0][a], grids[1][b]]);
  const y = await predictWithFeaturesSet(evaluator, data, features, settings);
  const out = Array.from({ length: w }, () => new Float64Array(settings.length));
  for (let g = 0; g < settings.length; g++) for (let i = 0; i < n; i++) for (let o = 0; o < w; o++) out[o][g] += y[(g * n + i) * w + o] / n;
  return out;
}
