/**
 * Exact Shapley and KernelSHAP against the fixtures' exact interventional Shapley values
 * (`<m>.shapley_exact.json`: all 2^d coalitions against shap_background.csv, computed in
 * float64 by sklearn/xgboost). Our model runs in ONNX Runtime (float32), so agreement is
 * bounded by the fixtures' prediction tolerance, not by the algorithm.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactShapley } from '../../../server/engine/attribution/exactShapley';
import { kernelShap } from '../../../server/engine/attribution/kernelShap';
import { backgroundFromRows } from '../../../server/engine/attribution/backgroundSample';
import { checkShapleyEfficiency } from '../../../server/engine/attribution/shapleyEfficiency';
import { BatchingEvaluator } from '../../../server/engine/evaluator/batchingEvaluator';
import { matrixRows } from '../../../server/engine/evaluator/featureMatrix';
import { fixturesAvailable, manifest, modelPath, predictionTolerance, readCsv, readJson } from './helpers/fixtures';
import { ortPredictor } from './helpers/ortPredictor';

interface ShapleyReference {
  readonly d: number;
  readonly outputs: Record<string, { phi: number[][][]; base_value: number[]; fx: number[][] }>;
}

/** (dataset, model): every fixture with a shapley_exact reference. Probability space for classifiers. */
const CASES = [
  ['pima', 'logreg'],
  ['pima', 'mlp'],
  ['pima', 'xgb'],
  ['iris', 'logreg'],
  ['diabetes', 'mlp'],
] as const;

/** Rows explained per case in the KernelSHAP test (every reference row in the exact test). */
const KERNEL_ROWS = 10;

async function load(dataset: string, model: string, rows?: number) {
  const man = manifest(dataset);
  const ref = readJson<ShapleyReference>(dataset, `${model}.shapley_exact.json`);
  const space = ref.outputs.probability ?? ref.outputs.raw;
  const n = rows ?? space.phi.length;
  const test = readCsv(dataset, 'test.csv', man.feature_columns).x;
  const background = backgroundFromRows(readCsv(dataset, 'shap_background.csv', man.feature_columns).x, 'shap_background.csv');
  const predictor = await ortPredictor(modelPath(dataset, model), man.feature_columns.length);
  const explain = matrixRows(test, Array.from({ length: n }, (_, i) => i));
  const maxAbs = Math.max(...space.fx.flat().map(Math.abs));
  return { space, n, background, evaluator: new BatchingEvaluator(predictor), explain, tolerance: predictionTolerance(maxAbs), predictor };
}

function maxAbsDiff(values: Float64Array, ref: number[][][], rows: number): number {
  const d = ref[0].length, w = ref[0][0].length;
  let m = 0;
  for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) for (let o = 0; o < w; o++) m = Math.max(m, Math.abs(values[(r * d + j) * w + o] - ref[r][j][o]));
  return m;
}

for (const [dataset, model] of CASES) {
  test(`exact Shapley matches the enumeration reference: ${dataset}/${model}`, { skip: !fixturesAvailable() }, async () => {
    const c = await load(dataset, model);
    const e = await exactShapley(c.evaluator, c.explain, c.background);
    const err = maxAbsDiff(e.values, c.space.phi, c.n);
    console.log(`# ${dataset}/${model} exact: max |φ − ref| = ${err.toExponential(2)} over ${c.n} rows (tolerance ${c.tolerance.toExponential(1)})`);
    assert.ok(err <= c.tolerance, `max |φ − ref| ${err} > ${c.tolerance}`);
    c.space.base_value.forEach((b, o) => assert.ok(Math.abs(e.baseValue[o] - b) <= c.tolerance, `base value ${e.baseValue[o]} vs ${b}`));
    assert.ok(checkShapleyEfficiency(e).ok);
    await c.predictor.dispose?.();
  });

  test(`KernelSHAP converges to exact Shapley: ${dataset}/${model}`, { skip: !fixturesAvailable() }, async () => {
    const c = await load(dataset, model, KERNEL_ROWS);
    const d = c.explain.cols;
    // Budget covering all 2^d coalitions: the constrained regression is exactly Shapley.
    const full = await kernelShap(c.evaluator, c.explain, c.background, { budget: 2 ** d });
    const fullErr = maxAbsDiff(full.values, c.space.phi, c.n);
    assert.ok(fullErr <= c.tolerance, `full-budget KernelSHAP max error ${fullErr} > ${c.tolerance}`);
    // Sampled budgets: error shrinks with budget and the reported standard error is honest.
    const scale = Math.max(...c.space.phi.flat(2).map(Math.abs));
    let previous = Infinity;
    for (const fraction of [0.1, 0.4]) {
      const budget = Math.max(2 * d + 2, Math.round(fraction * 2 ** d));
      if (budget >= 2 ** d) continue;
      const k = await kernelShap(c.evaluator, c.explain, c.background, { budget, seed: 3 });
      const err = maxAbsDiff(k.values, c.space.phi, c.n);
      let se2 = 0, e2 = 0, counted = 0;
      for (let i = 0; i < k.values.length; i++) {
        const se = (k.standardError as Float64Array)[i];
        if (!Number.isFinite(se)) continue;
        const r = Math.floor(i / (d * k.outputWidth)), j = Math.floor(i / k.outputWidth) % d, o = i % k.outputWidth;
        e2 += (k.values[i] - c.space.phi[r][j][o]) ** 2;
        se2 += se ** 2;
        counted++;
      }
      console.log(`# ${dataset}/${model} kernel budget ${budget}/${2 ** d}: max err ${err.toExponential(2)} (${(err / scale).toExponential(1)} of max |φ|), rms err ${Math.sqrt(e2 / Math.max(1, counted)).toExponential(2)}, rms SE ${Math.sqrt(se2 / Math.max(1, counted)).toExponential(2)}`);
      assert.ok(checkShapleyEfficiency(k).ok, 'KernelSHAP must be efficient at any budget');
      // Sampling noise can make one budget lucky; a larger one must not be much worse.
      assert.ok(err <= 1.5 * previous, `error grew with the budget: ${err} after ${previous}`);
      // The SE estimate must be the right order of magnitude (within 4× of the realised rms error).
      if (counted > 0 && e2 > 0) {
        const ratio = Math.sqrt(se2 / e2);
        assert.ok(ratio > 0.25 && ratio < 4, `standard error off by ${ratio.toFixed(2)}×`);
      }
      previous = err;
    }
    await c.predictor.dispose?.();
  });
}
