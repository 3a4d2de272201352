import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeRowOutcomes, LOG_LOSS_EPSILON } from '../../../server/engine/slices/rowOutcomes';
import { computeSliceMetrics } from '../../../server/engine/slices/sliceMetrics';

test('binary: P = 0.5 predicts class 0 (sklearn argmax ties), log-loss clipped like sklearn', () => {
  const o = computeRowOutcomes('classification', Float64Array.from([1, 0, 1]), Float64Array.from([0.5, 0.5, 0]), 1);
  assert.ok(o.task === 'classification');
  assert.deepEqual([...o.misclassified], [1, 0, 1]);
  assert.ok(Math.abs(o.logLoss[2] + Math.log(LOG_LOSS_EPSILON)) < 1e-9);
});

test('multiclass: argmax decides, log-loss of the true class, confidence of the top class', () => {
  const probs = Float64Array.from([0.7, 0.2, 0.1, 0.1, 0.3, 0.6]);
  const o = computeRowOutcomes('classification', Float64Array.from([0, 1]), probs, 3);
  assert.ok(o.task === 'classification');
  assert.deepEqual([...o.misclassified], [0, 1]);
  assert.ok(Math.abs(o.logLoss[1] + Math.log(0.3)) < 1e-12);
  assert.deepEqual([...o.confidence], [0.7, 0.6]);
  const metrics = computeSliceMetrics(o);
  assert.equal('roc_auc' in metrics, false);
});

test('regression metrics: MAE, RMSE and bias with intervals', () => {
  const o = computeRowOutcomes('regression', Float64Array.from([1, 2, 3, 4]), Float64Array.from([2, 2, 1, 4]), 1);
  const m = computeSliceMetrics(o) as Record<string, { value: number; ci: [number, number] }>;
  assert.equal(m.mae.value, 0.75);
  assert.ok(Math.abs(m.rmse.value - Math.sqrt(5 / 4)) < 1e-12);
  assert.equal(m.bias.value, -0.25);
  assert.ok(m.mae.ci[0] < 0.75 && 0.75 < m.mae.ci[1]);
});

test('BAD CALL: labels outside the classes and mismatched prediction lengths name the problem', () => {
  assert.throws(() => computeRowOutcomes('classification', Float64Array.from([2]), Float64Array.from([0.3]), 1), /label of row 0 is 2/);
  assert.throws(() => computeRowOutcomes('regression', Float64Array.from([1, 2]), Float64Array.from([1]), 1), /expected 2/);
});
