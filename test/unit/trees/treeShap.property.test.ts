/**
 * Laws of the TreeSHAP implementations, checked on random trees (seeded; the seed is in the
 * test name) against brute-force oracles, and efficiency on every fixture model.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { coversFromData } from '../../../server/engine/trees/treeCovers';
import { createTreePredictor } from '../../../server/engine/trees/treePredictor';
import { prepareTreeShap, pathDependentTreeShap } from '../../../server/engine/trees/treeShapPathDependent';
import { pathDependentTreeShapInteractions } from '../../../server/engine/trees/treeShapInteractions';
import { interventionalTreeShap } from '../../../server/engine/trees/treeShapInterventional';
import { meanAbsShap } from '../../../server/engine/trees/treeShapResult';
import { datasets, fixturesRoot, loadTreeModel, manifest, readCsvColumns, realRoot, treeModels } from './treeFixtures';
import { buildEnsemble, enumerateShapley, pathDependentValue, randomTree, seededRandom } from './syntheticTrees';

/** Both sides are float64 sums of a few hundred terms of size ≤ 1. */
const ORACLE_ABS_TOLERANCE = 1e-10;
/** Efficiency on fixture models: float32 leaf weights summed in float64; margins ≤ ~300. */
const EFFICIENCY_RELATIVE_TOLERANCE = 1e-9;

function randomRows(rand: () => number, rows: number, d: number): Float64Array {
  // Every 7th value missing so the missing-value track is exercised.
  return Float64Array.from({ length: rows * d }, (_, i) => (i % 7 === 3 ? NaN : rand()));
}

for (const seed of [1, 2, 3, 4, 5]) {
  test(`path-dependent TreeSHAP equals Shapley enumeration of the path-dependent game (seed ${seed})`, () => {
    const rand = seededRandom(seed);
    const d = 5;
    const K = 2;
    const ensemble = buildEnsemble([randomTree(rand, d, 5, K), randomTree(rand, d, 4, K), randomTree(rand, d, 6, K)], d, K, [0.25, -1]);
    const rows = 6;
    const x = randomRows(rand, rows, d);
    for (const tableBudget of [0, 1e6]) {
      const explainer = prepareTreeShap(ensemble, { tableBudget });
      const result = pathDependentTreeShap(explainer, x, rows);
      for (let r = 0; r < rows; r++) {
        const row = x.subarray(r * d, (r + 1) * d);
        const oracle = enumerateShapley(d, K, (inS) => {
          const total = [...ensemble.baseValues];
          for (const tree of ensemble.trees) pathDependentValue(tree, row, inS, K).forEach((v, k) => (total[k] += v));
          return total;
        });
        oracle.forEach((v, i) => assert.ok(Math.abs(v - result.values[r * K * d + i]) <= ORACLE_ABS_TOLERANCE, `row ${r} entry ${i}: ${result.values[r * K * d + i]} vs ${v} (tables ${tableBudget})`));
      }
    }
  });

  test(`interaction values are symmetric and rows sum to φ (seed ${seed})`, () => {
    const rand = seededRandom(100 + seed);
    const d = 4;
    const ensemble = buildEnsemble([randomTree(rand, d, 5, 1), randomTree(rand, d, 5, 1)], d, 1);
    const x = randomRows(rand, 5, d);
    const explainer = prepareTreeShap(ensemble);
    const phi = pathDependentTreeShap(explainer, x, 5);
    const inter = pathDependentTreeShapInteractions(explainer, x, 5);
    for (let r = 0; r < 5; r++) {
      for (let i = 0; i < d; i++) {
        let sum = 0;
        for (let j = 0; j < d; j++) {
          sum += inter.values[(r * d + i) * d + j];
          assert.ok(Math.abs(inter.values[(r * d + i) * d + j] - inter.values[(r * d + j) * d + i]) <= ORACLE_ABS_TOLERANCE, 'symmetric');
        }
        assert.ok(Math.abs(sum - phi.values[r * d + i]) <= ORACLE_ABS_TOLERANCE, 'row sums');
      }
    }
  });

  test(`interventional TreeSHAP equals Shapley enumeration against the background (seed ${seed})`, () => {
    const rand = seededRandom(200 + seed);
    const d = 5;
    const ensemble = buildEnsemble([randomTree(rand, d, 5, 1), randomTree(rand, d, 6, 1)], d, 1, [0.5]);
    const bgRows = 7;
    const bg = randomRows(rand, bgRows, d);
    const x = randomRows(rand, 3, d);
    const predict = createTreePredictor(ensemble, 'margin');
    const result = interventionalTreeShap(ensemble, x, 3, bg, bgRows);
    for (let r = 0; r < 3; r++) {
      const oracle = enumerateShapley(d, 1, (inS) => {
        const mixed = new Float64Array(bgRows * d);
        for (let b = 0; b < bgRows; b++) for (let f = 0; f < d; f++) mixed[b * d + f] = inS(f) ? x[r * d + f] : bg[b * d + f];
        return [predict.predict(mixed, bgRows).reduce((a, v) => a + v, 0) / bgRows];
      });
      oracle.forEach((v, i) => assert.ok(Math.abs(v - result.values[r * d + i]) <= ORACLE_ABS_TOLERANCE, `row ${r} feature ${i}`));
    }
  });
}

test('efficiency: Σφ + E[f] equals the margin on every fixture model, with and without missing values', () => {
  for (const dataset of datasets()) {
    const cols = manifest(dataset).feature_columns;
    for (const m of treeModels(dataset)) {
      let { ensemble } = loadTreeModel(path.join(realRoot, dataset, `${m}.onnx`));
      if (ensemble.coverSource === 'none') {
        const train = readCsvColumns(path.join(realRoot, dataset, 'train.csv'), cols);
        ensemble = coversFromData(ensemble, train.data, train.rows);
      }
      for (const file of ['test.csv', 'test_missing.csv']) {
        let data: { rows: number; data: Float64Array };
        try {
          data = readCsvColumns(path.join(realRoot, dataset, file), cols);
        } catch {
          continue; // iris has no test_missing.csv
        }
        const result = pathDependentTreeShap(prepareTreeShap(ensemble), data.data, data.rows);
        const margins = createTreePredictor(ensemble, 'margin').predict(data.data, data.rows);
        const { outputs: K, features: d } = result;
        for (let r = 0; r < data.rows; r++) {
          for (let k = 0; k < K; k++) {
            let sum = result.baseValues[k];
            for (let j = 0; j < d; j++) sum += result.values[(r * K + k) * d + j];
            const target = margins[r * K + k];
            assert.ok(Math.abs(sum - target) <= EFFICIENCY_RELATIVE_TOLERANCE * Math.max(1, Math.abs(target)), `${dataset}/${m} ${file} row ${r}: ${sum} vs ${target}`);
          }
        }
      }
    }
  }
});

test('benchmark xgb_100x6_margin: tables and per-row evaluation agree, efficiency holds', () => {
  const dir = path.join(fixturesRoot, 'benchmark');
  const { ensemble } = loadTreeModel(path.join(dir, 'xgb_100x6_margin.onnx'));
  const cols = Array.from({ length: 20 }, (_, i) => `f${String(i).padStart(2, '0')}`);
  const { data } = readCsvColumns(path.join(dir, 'bench_10k.csv'), cols);
  const rows = 300;
  const x = data.subarray(0, rows * 20);
  const tabled = pathDependentTreeShap(prepareTreeShap(ensemble), x, rows);
  const direct = pathDependentTreeShap(prepareTreeShap(ensemble, { tableBudget: 0 }), x, rows);
  tabled.values.forEach((v, i) => assert.ok(Math.abs(v - direct.values[i]) <= ORACLE_ABS_TOLERANCE));
  const margins = createTreePredictor(ensemble, 'margin').predict(x, rows);
  for (let r = 0; r < rows; r++) {
    let sum = tabled.baseValues[0];
    for (let j = 0; j < 20; j++) sum += tabled.values[r * 20 + j];
    assert.ok(Math.abs(sum - margins[r]) <= EFFICIENCY_RELATIVE_TOLERANCE * Math.max(1, Math.abs(margins[r])));
  }
  const importance = meanAbsShap(tabled);
  assert.equal(importance.length, 20);
  assert.ok(importance.every((v) => v >= 0) && importance.some((v) => v > 0));
});

test('EXPECTED FAILURE: path-dependent TreeSHAP refuses MIN/MAX ensembles and models without covers', () => {
  const rand = seededRandom(9);
  const ensemble = buildEnsemble([randomTree(rand, 3, 3, 1)], 3, 1);
  assert.throws(() => prepareTreeShap({ ...ensemble, aggregate: 'MAX' }), (e: Error) => e instanceof RangeError && /aggregate_function is MAX/.test(e.message));
  assert.throws(() => prepareTreeShap({ ...ensemble, coverSource: 'none' }), (e: Error) => e instanceof RangeError && /coversFromData/.test(e.message));
  assert.throws(() => pathDependentTreeShap(prepareTreeShap(ensemble), new Float64Array(5), 2), (e: Error) => e instanceof RangeError && /rows × featureCount/.test(e.message));
});
