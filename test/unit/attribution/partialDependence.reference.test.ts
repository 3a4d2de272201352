/**
 * Partial dependence against sklearn.inspection.partial_dependence (brute, grid_resolution 20,
 * percentiles (0.05, 0.95)) on test.csv: same grid values (the file's), same averages up to
 * the float32 model tolerance; and our grid builder reproduces sklearn's grids.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partialDependence, partialDependence2d } from '../../../server/engine/attribution/partialDependence';
import { partialDependenceGrid } from '../../../server/engine/attribution/partialDependenceGrid';
import { BatchingEvaluator } from '../../../server/engine/evaluator/batchingEvaluator';
import { matrixColumn } from '../../../server/engine/evaluator/featureMatrix';
import { manifest, modelPath, predictionTolerance, readCsv, readJson } from './helpers/fixtures';
import { ortPredictor } from './helpers/ortPredictor';
import { modelsWithReference } from './helpers/referenceModels';

interface PdReference {
  readonly params: { readonly grid_resolution: number; readonly percentiles: [number, number] };
  readonly one_way: Record<string, { feature_index: number; grid: number[]; average: number[][] }>;
  readonly two_way: Record<string, { feature_indices: [number, number]; grid_0: number[]; grid_1: number[]; average: number[][][] }>;
}

/** Grid values are float64 in both; 1e-9 relative allows only last-digit rounding of linspace. */
const GRID_RELATIVE_TOLERANCE = 1e-9;

for (const [dataset, model] of modelsWithReference('partial_dependence.json')) {
  test(`partial dependence matches sklearn: ${dataset}/${model}`, async () => {
    const man = manifest(dataset);
    const ref = readJson<PdReference>(dataset, `${model}.partial_dependence.json`);
    const { x } = readCsv(dataset, 'test.csv', man.feature_columns);
    const predictor = await ortPredictor(modelPath(dataset, model), man.feature_columns.length);
    const evaluator = new BatchingEvaluator(predictor);
    let worst = 0;
    for (const [name, one] of Object.entries(ref.one_way)) {
      const grid = partialDependenceGrid(matrixColumn(x, one.feature_index), { gridResolution: ref.params.grid_resolution, percentiles: ref.params.percentiles });
      assert.equal(grid.length, one.grid.length, `${name}: grid length`);
      grid.forEach((g, i) => assert.ok(Math.abs(g - one.grid[i]) <= GRID_RELATIVE_TOLERANCE * Math.max(1, Math.abs(g)), `${name} grid[${i}]: ${g} vs ${one.grid[i]}`));
      const curves = await partialDependence(evaluator, x, one.feature_index, { grid: one.grid });
      const tol = predictionTolerance(Math.max(...one.average.flat().map(Math.abs)));
      one.average.forEach((row, o) => row.forEach((v, g) => {
        const diff = Math.abs(curves[o].values[g] - v);
        worst = Math.max(worst, diff);
        assert.ok(diff <= tol, `${name} output ${o} grid ${g}: ${curves[o].values[g]} vs ${v}`);
      }));
    }
    for (const [pair, two] of Object.entries(ref.two_way)) {
      const avg = await partialDependence2d(evaluator, x, two.feature_indices, [two.grid_0, two.grid_1]);
      const tol = predictionTolerance(Math.max(...two.average.flat(2).map(Math.abs)));
      two.average.forEach((plane, o) => plane.forEach((row, a) => row.forEach((v, b) => {
        const diff = Math.abs(avg[o][a * two.grid_1.length + b] - v);
        worst = Math.max(worst, diff);
        assert.ok(diff <= tol, `${pair} output ${o} [${a},${b}]: ${avg[o][a * two.grid_1.length + b]} vs ${v}`);
      })));
    }
    console.log(`# ${dataset}/${model}: max |PD − sklearn| = ${worst.toExponential(2)}`);
    await predictor.dispose?.();
  });
}
