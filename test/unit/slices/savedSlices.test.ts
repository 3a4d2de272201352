import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateSavedSlice, savedSliceRows } from '../../../server/engine/slices/savedSlices';
import { computeRowOutcomes } from '../../../server/engine/slices/rowOutcomes';
import { MISSING_BOOLEAN, MISSING_CODE, type Dataset } from '../../../server/loaders/data/dataset';

/** Six rows: a category, a number (one missing), a boolean (one missing). */
function data(): Dataset {
  return {
    source: 'six rows',
    rowCount: 6,
    columns: [
      { kind: 'categorical', name: 'region', codes: Int32Array.from([0, 1, 0, 1, MISSING_CODE, 0]), dictionary: ['north', 'south'] },
      { kind: 'numeric', name: 'age', values: Float64Array.from([20, 35, 50, NaN, 65, 35]), integer: true },
      { kind: 'boolean', name: 'vip', values: Uint8Array.from([1, 0, 0, 1, MISSING_BOOLEAN, 1]) },
    ],
  };
}
const rows = (p: Parameters<typeof savedSliceRows>[1]) => {
  const r = savedSliceRows(data(), p);
  return typeof r === 'string' ? r : [...r];
};

test('predicates: == on categories, booleans and numbers; in is [lo, hi); < and >=; missing; conjunction', () => {
  assert.deepEqual(rows([{ feature: 'region', op: '==', value: 'north' }]), [0, 2, 5]);
  assert.deepEqual(rows([{ feature: 'vip', op: '==', value: 'true' }]), [0, 3, 5]);
  assert.deepEqual(rows([{ feature: 'age', op: '==', value: '35' }]), [1, 5]);
  assert.deepEqual(rows([{ feature: 'age', op: 'in', value: [35, 65] }]), [1, 2, 5]);
  assert.deepEqual(rows([{ feature: 'age', op: '<', value: 35 }]), [0]);
  assert.deepEqual(rows([{ feature: 'age', op: '>=', value: 50 }]), [2, 4]);
  assert.deepEqual(rows([{ feature: 'age', op: 'missing', value: null }]), [3]);
  assert.deepEqual(rows([{ feature: 'region', op: 'missing', value: null }]), [4]);
  assert.deepEqual(rows([{ feature: 'region', op: '==', value: 'north' }, { feature: 'age', op: '>=', value: 30 }]), [2, 5]);
  // A missing cell matches nothing but `missing`.
  assert.deepEqual(rows([{ feature: 'vip', op: '==', value: false }]), [1, 2]);
  // A category that no longer exists matches no row (not an error: the data changed).
  assert.deepEqual(rows([{ feature: 'region', op: '==', value: 'east' }]), []);
});

test('BAD CALL savedSliceRows: unknown column, operator or value shape say what is wrong', () => {
  assert.match(String(rows([{ feature: 'zip', op: '==', value: 1 }])), /no column "zip"/);
  assert.match(String(rows([{ feature: 'age', op: '>', value: 1 }])), /unknown operator/);
  assert.match(String(rows([{ feature: 'age', op: 'in', value: 3 }])), /range \[lo, hi\]/);
  assert.match(String(rows([{ feature: 'age', op: '<', value: 'x' }])), /takes a number/);
  assert.match(String(rows([])), /at least one predicate/);
});

test('evaluateSavedSlice: error rate on the slice vs maxValue; empty and invalid slices', () => {
  // Labels and P(positive): rows 0, 2 and 5 (north) are wrong twice out of three.
  const labels = Float64Array.from([1, 0, 0, 1, 0, 1]);
  const p = Float64Array.from([0.2, 0.1, 0.9, 0.8, 0.3, 0.7]);
  const outcomes = computeRowOutcomes('classification', labels, p, 1);
  const north = [{ feature: 'region', op: '==', value: 'north' }];
  const ok = evaluateSavedSlice(data(), outcomes, { predicates: north, maxValue: 0.7 });
  assert.equal(ok.metric, 'error_rate');
  assert.equal(ok.size, 3);
  assert.ok(Math.abs(ok.value - 2 / 3) < 1e-12);
  assert.ok(Math.abs(ok.baseline - 2 / 6) < 1e-12);
  assert.equal(ok.status, 'ok');
  assert.ok(ok.ci && ok.ci[0] < ok.value && ok.value < ok.ci[1]);
  assert.equal(evaluateSavedSlice(data(), outcomes, { predicates: north, maxValue: 0.5 }).status, 'regressed');
  assert.equal(evaluateSavedSlice(data(), outcomes, { predicates: north }).status, 'ok');
  const empty = evaluateSavedSlice(data(), outcomes, { predicates: [{ feature: 'region', op: '==', value: 'east' }], maxValue: 0.5 });
  assert.equal(empty.status, 'empty');
  assert.equal(empty.size, 0);
  const badMetric = evaluateSavedSlice(data(), outcomes, { predicates: north, metric: 'mae' });
  assert.equal(badMetric.status, 'invalid');
  assert.match(badMetric.reason ?? '', /unknown metric "mae".*error_rate/);
  const logLoss = evaluateSavedSlice(data(), outcomes, { predicates: north, metric: 'log_loss', maxValue: 100 });
  assert.equal(logLoss.status, 'ok');
  assert.ok(Math.abs(logLoss.value - (-Math.log(0.2) - Math.log(0.1) - Math.log(0.7)) / 3) < 1e-12);
});

// ── Add Slice as Regression Test: the config edit the command applies (extension/commands/slicesConfigEdit.ts) ──
import { parseConfig } from '../../../server/discovery/configFile';
import { addSavedSliceEdits, applySliceEdits, NEW_CONFIG_TEXT, sliceMaxValue } from '../../../extension/commands/slicesConfigEdit';

const FORMAT = { insertSpaces: true, tabSize: 2 };
const SLICE = { name: 'north', predicates: [{ feature: 'region', op: '==', value: 'north' }], metric: 'error_rate', maxValue: 0.25 };
const MODEL = { root: '/ws', name: 'churn', model: 'churn/model.onnx', data: { train: 'churn/train.csv', test: 'churn/test.csv' }, target: 'churned' };

test('saving a slice appends it to the entry\'s slices, keeping comments; the config parser reads it back', () => {
  const text = '{\n  // our models\n  "models": [\n    { "name": "churn", "model": "churn/model.onnx", "data": "churn/test.csv" } // the one\n  ]\n}\n';
  const once = applySliceEdits(text, addSavedSliceEdits('/ws/modeldiag.json', text, MODEL, SLICE, FORMAT));
  assert.match(once, /\/\/ our models/);
  assert.match(once, /\/\/ the one/);
  const twice = applySliceEdits(once, addSavedSliceEdits('/ws/modeldiag.json', once, MODEL, { ...SLICE, name: 'second' }, FORMAT));
  const parsed = parseConfig(twice);
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(parsed.models[0].slices?.map((s) => s.name), ['north', 'second']);
  assert.deepEqual(JSON.parse(JSON.stringify(parsed.models[0].slices?.[0])), SLICE);
});

test('a zero-config model gets an entry pinning its pairing, paths relative to the config', () => {
  const out = applySliceEdits(NEW_CONFIG_TEXT, addSavedSliceEdits('/ws/modeldiag.json', NEW_CONFIG_TEXT, MODEL, SLICE, FORMAT));
  const m = parseConfig(out).models[0];
  assert.equal(m.model, 'churn/model.onnx');
  assert.deepEqual(m.data, { train: 'churn/train.csv', test: 'churn/test.csv' });
  assert.equal(m.target, 'churned');
  assert.equal(m.slices?.length, 1);
  const nested = applySliceEdits(NEW_CONFIG_TEXT, addSavedSliceEdits('/ws/churn/modeldiag.json', NEW_CONFIG_TEXT, MODEL, SLICE, FORMAT));
  assert.equal(parseConfig(nested).models[0].model, 'model.onnx');
});

test('sliceMaxValue: the interval\'s upper end rounded up to 4 digits, else 10% above the value', () => {
  assert.equal(sliceMaxValue(0.4597, [0.3745, 0.54728793]), 0.5473);
  assert.ok(sliceMaxValue(0.4597, [0.3745, 0.54728793]) >= 0.54728793);
  assert.equal(sliceMaxValue(2, undefined), 2.2);
  assert.equal(sliceMaxValue(0, [0, 0]), 0);
});
