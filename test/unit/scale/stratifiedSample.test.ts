import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stratifiedRows } from '../../../server/pipeline/stratifiedSample';
import { NumberChunks } from '../../../server/loaders/data/numberChunks';

test('a split that fits is not sampled', () => {
  assert.equal(stratifiedRows(new Float64Array(100), 'classification', 100, 0), undefined);
});

test('a stratified sample has k distinct ascending rows and keeps class shares (rare classes too)', () => {
  const labels = Float64Array.from({ length: 10_000 }, (_, i) => (i % 100 === 0 ? 2 : i % 3 === 0 ? 1 : 0));
  const rows = stratifiedRows(labels, 'classification', 1000, 7)!;
  assert.equal(rows.length, 1000);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i] > rows[i - 1]);
  const share = (c: number, ys: ArrayLike<number>, n: number): number => Array.from(ys).filter((y) => y === c).length / n;
  for (const c of [0, 1, 2]) assert.ok(Math.abs(share(c, Array.from(rows, (r) => labels[r]), 1000) - share(c, labels, labels.length)) <= 0.001 + 1e-12, `class ${c}`);
  assert.deepEqual(stratifiedRows(labels, 'classification', 1000, 7), rows, 'seeded: the same sample again');
});

test('regression labels are stratified by deciles; missing labels form their own stratum', () => {
  const labels = Float64Array.from({ length: 5000 }, (_, i) => (i % 10 === 0 ? NaN : i));
  const rows = stratifiedRows(labels, 'regression', 500, 1)!;
  assert.equal(rows.length, 500);
  assert.equal(Array.from(rows).filter((r) => Number.isNaN(labels[r])).length, 50);
});

test('chunked columns hold every pushed value in order across chunk boundaries', () => {
  const c = new NumberChunks();
  const n = 200_000;
  for (let i = 0; i < 70_000; i++) c.push(i);
  c.pushAll(Float64Array.from({ length: n - 70_000 }, (_, k) => 70_000 + k), 0, n - 70_000);
  assert.equal(c.length, n);
  assert.equal(c.at(65_535), 65_535);
  assert.equal(c.at(65_536), 65_536);
  const all = c.toArray();
  assert.equal(all.length, n);
  assert.ok(all.every((v, i) => v === i));
  assert.equal(c.length, 0);
});
