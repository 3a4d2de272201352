/**
 * Interventional TreeSHAP against exact enumeration of all 2^d coalitions over
 * shap_background.csv (`xgb.shapley_exact.json`, margin space) wherever the fixtures have it.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { interventionalTreeShap } from '../../../server/engine/trees/treeShapInterventional';
import { datasets, flat, loadTreeModel, manifest, maxAbs, readCsvColumns, readJson, realRoot } from './treeFixtures';

/** The reference evaluated xgboost (float32 sums) on 2^d × 50 mixed rows; ours sums float32 leaves in float64. */
const ENUMERATION_RELATIVE_TOLERANCE = 1e-5;

interface ShapleyExact {
  outputs: { margin: { phi: unknown; base_value: number[]; fx: number[] } };
}

for (const dataset of datasets().filter((d) => existsSync(path.join(realRoot, d, 'xgb.shapley_exact.json')))) {
  test(`${dataset}/xgb: interventional TreeSHAP equals exact enumeration over the background`, () => {
    const ref = readJson<ShapleyExact>(path.join(realRoot, dataset, 'xgb.shapley_exact.json')).outputs.margin;
    const { ensemble } = loadTreeModel(path.join(realRoot, dataset, 'xgb.onnx'));
    const cols = manifest(dataset).feature_columns;
    const d = cols.length;
    const test_ = readCsvColumns(path.join(realRoot, dataset, 'test.csv'), cols);
    const bg = readCsvColumns(path.join(realRoot, dataset, 'shap_background.csv'), cols);
    const reference = flat(ref.phi); // [row][feature][output]
    const K = ensemble.outputCount;
    const rows = reference.length / (d * K);
    const result = interventionalTreeShap(ensemble, test_.data.subarray(0, rows * d), rows, bg.data, bg.rows);
    let worst = 0;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < d; j++) for (let k = 0; k < K; k++) worst = Math.max(worst, Math.abs(result.values[(r * K + k) * d + j] - reference[(r * d + j) * K + k]));
    }
    const scale = maxAbs(reference);
    assert.ok(worst / scale <= ENUMERATION_RELATIVE_TOLERANCE, `${dataset}: max |Δφ| / max |φ| = ${worst / scale}`);
    ref.base_value.forEach((b, k) => assert.ok(Math.abs(b - result.baseValues[k]) <= ENUMERATION_RELATIVE_TOLERANCE * Math.max(1, Math.abs(b))));
    console.log(`# ${dataset}/xgb interventional: rows ${rows}, background ${bg.rows}, max|Δφ|/max|φ| = ${(worst / scale).toExponential(2)}`);
  });
}
