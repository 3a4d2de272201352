import type { FeatureMatrix } from '../../evaluator/featureMatrix';

/**
 * Partial dependence (Friedman 2001): the model's mean prediction when one feature is set
 * to each grid value for every background row. Also returned separately for the two
 * halves of the background, so a shape can be checked for stability (a feature of the
 * curve that shows in one half only is noise). One evaluate call for the whole grid.
 */
export interface PartialDependence {
  readonly grid: Float64Array;
  readonly mean: Float64Array;
  readonly halfA: Float64Array;
  readonly halfB: Float64Array;
}

export async function partialDependence(
  evaluate: (m: FeatureMatrix) => Promise<Float64Array>,
  background: FeatureMatrix,
  featureIndex: number,
  grid: Float64Array,
): Promise<PartialDependence> {
  const n = background.rows;
  const d = background.cols;
  const g = grid.length;
  const data = new Float64Array(g * n * d);
  for (let k = 0; k < g; k++) {
    data.set(background.data, k * n * d);
    for (let i = 0; i < n; i++) data[(k * n + i) * d + featureIndex] = grid[k];
  }
  const y = await evaluate({ rows: g * n, cols: d, data, names: background.names });
  const mean = new Float64Array(g);
  const halfA = new Float64Array(g);
  const halfB = new Float64Array(g);
  const half = Math.floor(n / 2);
  for (let k = 0; k < g; k++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < n; i++) {
      const v = y[k * n + i];
      if (i < half) a += v;
      else b += v;
    }
    mean[k] = (a + b) / n;
    halfA[k] = a / Math.max(1, half);
    halfB[k] = b / Math.max(1, n - half);
  }
  return { grid, mean, halfA, halfB };
}
