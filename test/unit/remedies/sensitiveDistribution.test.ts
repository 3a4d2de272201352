import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { MAX_MARGINAL_VALUES, sensitiveDistribution } from '../../../server/engine/remedies/sensitiveDistribution';

const WEIGHT_SUM_TOLERANCE = 1e-12;

test('sensitiveDistribution: few levels keep every value with its empirical frequency; missing values are counted apart', () => {
  const d = sensitiveDistribution(Float64Array.from([1, 0, 0, 1, 0, NaN, 2, 0]));
  assert.equal(d.method, 'distinct');
  assert.deepEqual(d.values, [0, 1, 2]);
  assert.deepEqual(d.weights, [4 / 7, 2 / 7, 1 / 7]);
  assert.equal(d.missing, 1);
  assert.equal(d.observed, 7);
});

test('sensitiveDistribution: many values become equal-frequency bins represented by observed medians', () => {
  const ages = Float64Array.from({ length: 1000 }, (_, i) => 20 + ((i * 37) % 60));
  const d = sensitiveDistribution(ages, 8);
  assert.equal(d.method, 'quantiles');
  assert.equal(d.distinct, 60);
  assert.ok(d.values.length <= 8 && d.values.length >= 6, `${d.values.length} bins`);
  assert.ok(Math.abs(d.weights.reduce((a, b) => a + b, 0) - 1) <= WEIGHT_SUM_TOLERANCE);
  const observed = new Set(ages);
  for (const v of d.values) assert.ok(observed.has(v), `representative ${v} is not an observed value`);
  assert.deepEqual([...d.values], [...d.values].sort((a, b) => a - b));
});

test('sensitiveDistribution: a heavy tie stays in one bin (its weight is its own frequency)', () => {
  const values = Float64Array.from([...Array<number>(500).fill(0), ...Array.from({ length: 500 }, (_, i) => 1 + i)]);
  const d = sensitiveDistribution(values, 4);
  assert.equal(d.values[0], 0);
  assert.ok(d.weights[0] >= 0.5, `weight of the tied value ${d.weights[0]}`);
  assert.ok(Math.abs(d.weights.reduce((a, b) => a + b, 0) - 1) <= WEIGHT_SUM_TOLERANCE);
});

test('sensitiveDistribution: the default keeps up to MAX_MARGINAL_VALUES distinct values exactly', () => {
  const d = sensitiveDistribution(Float64Array.from({ length: 200 }, (_, i) => i % MAX_MARGINAL_VALUES));
  assert.equal(d.method, 'distinct');
  assert.equal(d.values.length, MAX_MARGINAL_VALUES);
});

test('BAD CALL sensitiveDistribution: an all-missing column or a non-positive maxValues throws a RangeError', () => {
  assert.throws(() => sensitiveDistribution(Float64Array.from([NaN, NaN])), { name: 'RangeError', message: /no observed/ });
  assert.throws(() => sensitiveDistribution(Float64Array.from([1]), 0), { name: 'RangeError', message: /maxValues must be a positive integer, got 0/ });
});
