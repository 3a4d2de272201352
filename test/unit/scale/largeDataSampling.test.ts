import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_ANALYSIS } from '../../../server/discovery/configFile';
import { UNDECLARED, type ResolvedModel } from '../../../server/discovery/resolvedModel';
import { encodeOnnx } from '../../../server/loaders/model/onnxProto';
import { analyzeModel } from '../../../server/pipeline/analyzeModel';
import { leakageSplit } from '../../../server/pipeline/leakageSample';
import { createSeededRandom } from '../../../server/engine/stats';
import { logisticMatrixModel } from '../remedies/handBuiltModels';

const ROWS = 3000;
const MAX_ROWS = 500;
const FEATURES = ['x0', 'x1', 'x2', 'x3'];

/** A logistic model and ROWS labelled rows (about a quarter positive) in a temporary folder. */
function workspace(): ResolvedModel {
  const dir = mkdtempSync(join(tmpdir(), 'modeldiag-sampling-'));
  const model = logisticMatrixModel({ mean: FEATURES.map(() => 0), scale: FEATURES.map(() => 1), coef: [1.5, -1, 0.5, 0], bias: -1 }, FEATURES);
  writeFileSync(join(dir, 'model.onnx'), encodeOnnx(model));
  const r = createSeededRandom(4);
  const lines = [[...FEATURES, 'target'].join(',')];
  for (let i = 0; i < ROWS; i++) {
    const x = FEATURES.map(() => Math.round((r() * 4 - 2) * 1000) / 1000);
    const y = 1.5 * x[0] - x[1] + 0.5 * x[2] - 1 + (r() - 0.5) * 3 > 0 ? 1 : 0;
    lines.push(`${x.join(',')},${y}`);
  }
  writeFileSync(join(dir, 'data.csv'), `${lines.join('\n')}\n`);
  return { ...UNDECLARED, name: 'sampled', modelPath: join(dir, 'model.onnx'), test: join(dir, 'data.csv'), target: 'target', task: 'classification', origin: { kind: 'zero-config', reason: 'test' } };
}

test('data larger than analysis.maxRows: attribution works on the documented stratified sample, metrics and slices on every row', async () => {
  const resolved = workspace();
  const { report, context } = await analyzeModel(join(resolved.modelPath, '..'), resolved, { settings: { ...DEFAULT_ANALYSIS, maxRows: MAX_ROWS }, threads: 1 });
  try {
    const split = context.test!;
    // The sample, as the report states it.
    const sampling = report.sampling!.test;
    assert.equal(sampling.rows, ROWS);
    assert.equal(sampling.modelRows, MAX_ROWS);
    assert.match(sampling.method, /stratified by label \(analysis\.maxRows = 500\)/);
    assert.equal(split.matrix.rows, MAX_ROWS);
    assert.equal(split.sample!.length, MAX_ROWS);
    const positives = (rows: ArrayLike<number>): number => Array.from(rows).filter((i) => split.labels[i] === 1).length;
    const all = Array.from({ length: ROWS }, (_, i) => i);
    assert.ok(Math.abs(positives(split.sample!) / MAX_ROWS - positives(all) / ROWS) <= 1 / MAX_ROWS, 'class shares kept');
    assert.ok((report.attribution!.quality!.explainedRows as number) <= MAX_ROWS, 'rows explained come from the sample');
    // Metrics and slices: every row. Accuracy and the slices' overall error rate are those of all ROWS predictions.
    const scores = await context.evaluator.predictSource(split.rowSource);
    let correct = 0;
    for (let i = 0; i < ROWS; i++) if ((scores[i] > 0.5 ? 1 : 0) === split.labels[i]) correct++;
    assert.ok(Math.abs((report.metrics.test.accuracy as number) - correct / ROWS) < 1e-12);
    assert.ok(Math.abs((report.jaggedness!.overall as number) - (1 - correct / ROWS)) < 1e-12);
    // The leakage statistics' sample cap (100 000) is above this split: all rows.
    assert.equal(sampling.leakageRows, ROWS);
    assert.equal(sampling.leakageMethod, 'all rows');
  } finally {
    await context.evaluator.dispose();
  }
});

test('the leakage sample is stratified by label and keeps each row with its label and predictions', async () => {
  const resolved = workspace();
  const { context } = await analyzeModel(join(resolved.modelPath, '..'), resolved, { settings: { ...DEFAULT_ANALYSIS, maxRows: MAX_ROWS }, threads: 1 });
  try {
    const split = context.test!;
    const predictions = await context.evaluator.predictSource(split.rowSource);
    const part = leakageSplit(split, 'classification', predictions, 1, 0, 1000);
    assert.equal(part.data.rowCount, 1000);
    assert.equal(part.sample!.length, 1000);
    const x0 = split.data.columns.find((c) => c.name === 'x0') as { values: Float64Array };
    const sampledX0 = part.data.columns.find((c) => c.name === 'x0') as { values: Float64Array };
    part.sample!.forEach((row, i) => {
      assert.equal(part.labels[i], split.labels[row]);
      assert.equal(part.predictions![i], predictions[row]);
      assert.equal(sampledX0.values[i], x0.values[row]);
    });
    const share = (labels: ArrayLike<number>): number => Array.from(labels).filter((y) => y === 1).length / labels.length;
    assert.ok(Math.abs(share(part.labels) - share(split.labels)) <= 1 / 1000);
    assert.equal(leakageSplit(split, 'classification', predictions, 1, 0, ROWS).sample, undefined, 'a split that fits is used whole');
  } finally {
    await context.evaluator.dispose();
  }
});
