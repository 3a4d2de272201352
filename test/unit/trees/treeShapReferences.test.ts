/**
 * Path-dependent TreeSHAP against established implementations on the real fixtures:
 * xgboost's own pred_contribs / pred_interactions (margin, last column = bias) and shap 0.51's
 * TreeExplainer on the sklearn models (covers = nodes_hitrates).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { prepareTreeShap, pathDependentTreeShap } from '../../../server/engine/trees/treeShapPathDependent';
import { pathDependentTreeShapInteractions } from '../../../server/engine/trees/treeShapInteractions';
import { datasets, flat, loadTreeModel, manifest, maxAbs, readCsvColumns, readJson, realRoot } from './treeFixtures';

/**
 * xgboost runs TreeSHAP in float32 (worst efficiency error in the fixtures 2.4e-6 on |φ| ≈ 3),
 * so agreement is judged relative to the largest |φ|; we measure ~5e-7.
 */
const XGBOOST_RELATIVE_TOLERANCE = 1e-5;
/** shap computes in float64 from the same float32 covers; leave room for summation order. */
const SHAP_RELATIVE_TOLERANCE = 1e-6;

interface Contribs {
  shape: number[];
  contribs?: unknown;
  interactions?: unknown;
}

function testRows(dataset: string, count: number): { data: Float64Array; rows: number } {
  const cols = manifest(dataset).feature_columns;
  const { data } = readCsvColumns(path.join(realRoot, dataset, 'test.csv'), cols);
  return { data: data.subarray(0, count * cols.length), rows: count };
}

for (const dataset of datasets().filter((d) => existsSync(path.join(realRoot, d, 'xgb.pred_contribs.json')))) {
  test(`${dataset}/xgb: TreeSHAP equals xgboost pred_contribs on every test row`, () => {
    const ref = readJson<Contribs>(path.join(realRoot, dataset, 'xgb.pred_contribs.json'));
    const { ensemble } = loadTreeModel(path.join(realRoot, dataset, 'xgb.onnx'));
    const { data, rows } = testRows(dataset, ref.shape[0]);
    const result = pathDependentTreeShap(prepareTreeShap(ensemble), data, rows);
    const { outputs: K, features: d } = result;
    // Layout [row, feature+bias] for one output, [row, class, feature+bias] for several.
    assert.equal(ref.shape.length === 3 ? ref.shape[1] : 1, K);
    const reference = flat(ref.contribs);
    let worst = 0;
    let worstBias = 0;
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < K; k++) {
        const o = (r * K + k) * (d + 1);
        for (let j = 0; j < d; j++) worst = Math.max(worst, Math.abs(result.values[(r * K + k) * d + j] - reference[o + j]));
        worstBias = Math.max(worstBias, Math.abs(result.baseValues[k] - reference[o + d]));
      }
    }
    const scale = maxAbs(reference);
    assert.ok(worst / scale <= XGBOOST_RELATIVE_TOLERANCE, `${dataset}: max |Δφ| / max |φ| = ${worst / scale}`);
    assert.ok(worstBias / scale <= XGBOOST_RELATIVE_TOLERANCE, `${dataset}: bias differs by ${worstBias}`);
    console.log(`# ${dataset}/xgb contribs: rows ${rows}, outputs ${K}, max|Δφ|/max|φ| = ${(worst / scale).toExponential(2)}`);
  });

  test(`${dataset}/xgb: SHAP interaction values equal xgboost pred_interactions`, () => {
    const ref = readJson<Contribs>(path.join(realRoot, dataset, 'xgb.pred_interactions.json'));
    const { ensemble } = loadTreeModel(path.join(realRoot, dataset, 'xgb.onnx'));
    const { data, rows } = testRows(dataset, ref.shape[0]);
    const result = pathDependentTreeShapInteractions(prepareTreeShap(ensemble), data, rows);
    const { outputs: K, features: d } = result;
    const reference = flat(ref.interactions);
    let worst = 0;
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < K; k++) {
        const o = (r * K + k) * (d + 1) * (d + 1);
        for (let i = 0; i < d; i++) {
          for (let j = 0; j < d; j++) worst = Math.max(worst, Math.abs(result.values[((r * K + k) * d + i) * d + j] - reference[o + i * (d + 1) + j]));
        }
        assert.ok(Math.abs(reference[o + d * (d + 1) + d] - result.baseValues[k]) <= XGBOOST_RELATIVE_TOLERANCE * Math.max(1, Math.abs(result.baseValues[k])));
      }
    }
    const scale = maxAbs(reference);
    assert.ok(worst / scale <= XGBOOST_RELATIVE_TOLERANCE, `${dataset}: max |ΔΦ| / max |Φ| = ${worst / scale}`);
    console.log(`# ${dataset}/xgb interactions: rows ${rows}, max|ΔΦ|/max|Φ| = ${(worst / scale).toExponential(2)}`);
  });
}

for (const dataset of datasets()) {
  for (const file of readdirSync(path.join(realRoot, dataset)).filter((f) => f.endsWith('.shap_treeshap.json'))) {
    const m = file.replace('.shap_treeshap.json', '');
    test(`${dataset}/${m}: TreeSHAP equals shap's TreeExplainer (tree_path_dependent)`, () => {
      const ref = readJson<{ shap_values: unknown; expected_value: number[]; layout: string }>(path.join(realRoot, dataset, file));
      const { ensemble } = loadTreeModel(path.join(realRoot, dataset, `${m}.onnx`));
      const reference = flat(ref.shap_values);
      const d = ensemble.featureCount;
      const K = ensemble.outputCount;
      const rows = reference.length / (d * K);
      const { data } = testRows(dataset, rows);
      const result = pathDependentTreeShap(prepareTreeShap(ensemble), data, rows);
      // shap's layout is [row, feature, output] (or [row, feature] for one output); ours [row, output, feature].
      let worst = 0;
      for (let r = 0; r < rows; r++) {
        for (let j = 0; j < d; j++) {
          for (let k = 0; k < K; k++) worst = Math.max(worst, Math.abs(result.values[(r * K + k) * d + j] - reference[(r * d + j) * K + k]));
        }
      }
      const scale = maxAbs(reference);
      assert.ok(worst / scale <= SHAP_RELATIVE_TOLERANCE, `${dataset}/${m}: max |Δφ| / max |φ| = ${worst / scale}`);
      ref.expected_value.forEach((e, k) => assert.ok(Math.abs(e - result.baseValues[k]) <= SHAP_RELATIVE_TOLERANCE * Math.max(1, Math.abs(e)), `${m}: E[f] ${result.baseValues[k]} vs ${e}`));
      console.log(`# ${dataset}/${m} vs shap: rows ${rows}, outputs ${K}, max|Δφ|/max|φ| = ${(worst / scale).toExponential(2)}`);
    });
  }
}
