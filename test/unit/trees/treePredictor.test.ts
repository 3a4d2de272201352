/**
 * The pure-JS tree evaluator against the libraries' own predictions (`<m>.expected.json`,
 * `<m>.expected_missing.json`) for every tree model of every real data set, and against the
 * benchmark model. Tolerance rule from the fixtures: 1e-5 abs + 1e-6 × max |reference|.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { createTreePredictor } from '../../../server/engine/trees/treePredictor';
import { datasets, fixturesRoot, flat, loadTreeModel, manifest, maxAbs, readCsvColumns, readJson, realRoot, treeModels } from './treeFixtures';

/** The fixtures' own rule for comparing with the library (README "tolerance"). */
const EXPECTED_ABS_TOLERANCE = 1e-5;
const EXPECTED_REL_TOLERANCE = 1e-6;

interface Expected {
  feature_columns: string[];
  outputs: Record<string, unknown>;
}

function compare(modelFile: string, dataFile: string, expectedFile: string): void {
  const { ensemble, outputs } = loadTreeModel(modelFile);
  const expected = readJson<Expected>(expectedFile);
  const { rows, data } = readCsvColumns(dataFile, expected.feature_columns);
  const predictor = createTreePredictor(ensemble, 'output');
  const scores = predictor.operatorScores(data, rows);
  const scoresOutput = outputs.find((o) => o.holds === 'scores')?.name ?? '';
  const reference = flat(expected.outputs[scoresOutput] ?? expected.outputs.probabilities ?? expected.outputs.variable);
  assert.equal(scores.length, reference.length, `${modelFile}: ${scores.length} scores, reference has ${reference.length}`);
  const tol = EXPECTED_ABS_TOLERANCE + EXPECTED_REL_TOLERANCE * maxAbs(reference);
  let worst = 0;
  for (let i = 0; i < scores.length; i++) worst = Math.max(worst, Math.abs(scores[i] - reference[i]));
  assert.ok(worst <= tol, `${path.basename(modelFile)} on ${path.basename(dataFile)}: max |ours − reference| = ${worst} > ${tol}`);
  if (expected.outputs.label) {
    const labels = flat(expected.outputs.label);
    const C = scores.length / rows;
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (scores[r * C + c] > scores[r * C + best]) best = c;
      assert.equal(Number(ensemble.classLabels?.[best] ?? best), labels[r], `${modelFile} row ${r}: label`);
    }
  }
}

for (const dataset of datasets()) {
  for (const m of treeModels(dataset)) {
    test(`${dataset}/${m}: pure-JS predictions equal the library's on test.csv`, () => {
      const dir = path.join(realRoot, dataset);
      compare(path.join(dir, `${m}.onnx`), path.join(dir, 'test.csv'), path.join(dir, `${m}.expected.json`));
      if (existsSync(path.join(dir, `${m}.expected_missing.json`))) {
        compare(path.join(dir, `${m}.onnx`), path.join(dir, 'test_missing.csv'), path.join(dir, `${m}.expected_missing.json`));
      }
    });
  }
}

test('benchmark xgb_100x6: pure-JS predictions equal xgboost on bench_10k.csv', () => {
  const dir = path.join(fixturesRoot, 'benchmark');
  compare(path.join(dir, 'xgb_100x6.onnx'), path.join(dir, 'bench_10k.csv'), path.join(dir, 'xgb_100x6.expected.json'));
});

test('margin space equals the *_margin model output space', () => {
  for (const dataset of datasets()) {
    for (const m of treeModels(dataset).filter((n) => n.endsWith('_margin'))) {
      const full = loadTreeModel(path.join(realRoot, dataset, `${m.replace(/_margin$/, '')}.onnx`)).ensemble;
      const margin = loadTreeModel(path.join(realRoot, dataset, `${m}.onnx`)).ensemble;
      const { rows, data } = readCsvColumns(path.join(realRoot, dataset, 'test.csv'), manifest(dataset).feature_columns);
      const a = createTreePredictor(full, 'margin').predict(data, rows);
      const b = createTreePredictor(margin, 'output').predict(data, rows);
      assert.deepEqual(Array.from(a), Array.from(b), `${dataset}/${m}`);
    }
  }
});
