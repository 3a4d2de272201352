/**
 * The planted jagged slice (fixtures/planted/jagged_slice): labels inside region == 4 AND
 * product_line == 2 were flipped with probability 0.45. With the model's own test-row
 * probabilities and a 0.5 threshold, that conjunction must be the top slice and a finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findJaggedSlices } from '../../../server/engine/slices/findJaggedSlices';
import { FIXTURES_ROOT, loadExpectedOutputs, loadNumericCsv, numericColumn } from './fixtureData';

const DIR = join(FIXTURES_ROOT, 'planted/jagged_slice');

interface PlantedTruth {
  readonly label_column: string;
  readonly feature_columns: string[];
  readonly planted: { slice: Record<string, number> };
  readonly measured: { test: { slice_rows: number; slice_error: number; overall_error: number } };
}

function run() {
  const truth = JSON.parse(readFileSync(join(DIR, 'planted_truth.json'), 'utf8')) as PlantedTruth;
  const data = loadNumericCsv(join(DIR, 'test.csv'));
  const labels = numericColumn(data, truth.label_column);
  const predictions = Float64Array.from(loadExpectedOutputs(join(DIR, 'model.expected.json')).values, (p) => p[1]);
  const result = findJaggedSlices({ dataset: data, features: truth.feature_columns, labels, predictions, task: 'classification' });
  return { truth, result };
}

test('planted region == 4 AND product_line == 2 is the top slice, with the measured size and error', () => {
  const { truth, result } = run();
  const top = result.slices[0];
  const expected = Object.entries(truth.planted.slice).map(([feature, value]) => ({ feature, op: '==', value }));
  assert.deepEqual(top.predicates, expected);
  assert.equal(top.size, truth.measured.test.slice_rows);
  assert.ok(Math.abs(top.value - truth.measured.test.slice_error) < 1e-6);
  assert.ok(Math.abs(top.baseline - truth.measured.test.overall_error) < 1e-6);
  assert.equal(top.metric, 'error_rate');
  assert.ok(top.ci && top.ci[0] < top.value && top.value < top.ci[1]);
  console.log(`planted slice: rank 1, p = ${top.pValue.toExponential(2)}, q = ${top.qValue.toExponential(2)}, lift ${top.lift.toFixed(2)}`);
});

test('the planted slice is a jagged.slice finding with its numbers in the evidence', () => {
  const { result } = run();
  const finding = result.findings[0];
  assert.equal(finding.id, 'jagged.slice');
  assert.deepEqual(finding.predicates, [
    { feature: 'region', op: '==', value: 4 },
    { feature: 'product_line', op: '==', value: 2 },
  ]);
  assert.deepEqual(finding.features, ['region', 'product_line']);
  for (const key of ['predicates', 'size', 'metric', 'value', 'baseline', 'lift', 'pValue', 'qValue']) {
    assert.ok(key in finding.evidence, `evidence.${key}`);
  }
  assert.ok((finding.evidence.qValue as number) < 1e-10);
  assert.ok(result.summary.worstSignificantGap > 0.3);
  assert.equal(result.summary.metric, 'error_rate');
});

test('neither single predicate of the planted slice ranks above the conjunction', () => {
  const { result } = run();
  const top = result.slices[0];
  for (const s of result.slices.slice(1)) {
    if (s.predicates.length === 1 && ['region', 'product_line'].includes(s.predicates[0].feature)) assert.ok(s.value < top.value);
  }
});
