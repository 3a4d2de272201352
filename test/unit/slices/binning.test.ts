import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Dataset } from '../../../server/loaders/data/dataset';
import { binColumn, binFeatures, UNSLICEABLE_CODE } from '../../../server/engine/slices/binning';
import { equalFrequencyEdges } from '../../../server/engine/slices/binEdges';

test('numeric columns get equal-frequency bins with rounded edges and a missing bin', () => {
  const values = Float64Array.from({ length: 1000 }, (_, i) => (i % 97 === 0 ? NaN : 18 + (i * 0.0621) ));
  const binned = binColumn({ kind: 'numeric', name: 'age', values, integer: false }, { bins: 4 });
  assert.equal(binned.kind, 'range');
  const labels = binned.bins.map((b) => b.label);
  assert.equal(labels.length, 5);
  assert.match(labels[0], /^age < \d+$/);
  assert.match(labels[3], /^age ≥ \d+$/);
  assert.equal(labels[4], 'age missing');
  assert.deepEqual(binned.bins[4].predicate, { feature: 'age', op: 'missing', value: null });
  const counts = binned.bins.slice(0, 4).map((b) => b.count);
  counts.forEach((c) => assert.ok(Math.abs(c - 247) < 40, `bin sizes ${counts}`));
  // Each row's code agrees with its predicate.
  const [, second] = binned.bins;
  const [lo, hi] = second.predicate?.value as [number, number];
  for (let r = 0; r < values.length; r++) {
    if (binned.codes[r] === 1) assert.ok(values[r] >= lo && values[r] < hi);
  }
});

test('integer columns with few distinct values become categories with numeric values', () => {
  const values = Float64Array.from({ length: 60 }, (_, i) => i % 6);
  const binned = binColumn({ kind: 'numeric', name: 'region', values, integer: true });
  assert.equal(binned.kind, 'integer-category');
  assert.deepEqual(binned.bins[4].predicate, { feature: 'region', op: '==', value: 4 });
  assert.equal(binned.bins[4].label, 'region == 4');
  assert.equal(binned.codes[10], 4);
});

test('categorical columns keep the top-k levels and put the rest in an unsliceable "other" bin', () => {
  const dictionary = ['a', 'b', 'c', 'd'];
  const codes = Int32Array.from([0, 0, 0, 1, 1, 2, 3, -1, 0, 1]);
  const binned = binColumn({ kind: 'categorical', name: 'city', codes, dictionary }, { topK: 2 });
  assert.deepEqual(
    binned.bins.map((b) => [b.label, b.count]),
    [
      ['city == a', 4],
      ['city == b', 3],
      ['city missing', 1],
      ['city other (2 levels)', 2],
    ],
  );
  assert.deepEqual(binned.bins[0].predicate, { feature: 'city', op: '==', value: 'a' });
  assert.equal(binned.codes[5], UNSLICEABLE_CODE);
  assert.equal(binned.codes[7], 2);
});

test('edges of integer columns are integers; constant columns have no edges', () => {
  const values = Float64Array.from({ length: 500 }, (_, i) => (i * 7919) % 113);
  const edges = equalFrequencyEdges(values, 5, true);
  assert.ok(edges.length >= 3);
  edges.forEach((e) => assert.ok(Number.isInteger(e)));
  assert.deepEqual(equalFrequencyEdges(new Float64Array(10).fill(3), 5), []);
});

test('binFeatures names an unknown feature and the available columns', () => {
  const data: Dataset = { source: 'test.csv', rowCount: 0, columns: [] };
  assert.throws(() => binFeatures(data, ['nope']), (e: unknown) => e instanceof RangeError && /'nope'.*test\.csv/.test(e.message));
});
