import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NumberChunks } from '../../../server/loaders/data/numberChunks';
import { plausibleRows } from '../../../server/loaders/data/parquetLoader';

test('with the expected count, values go into one array that toArray hands over uncopied', () => {
  const c = new NumberChunks(100_000);
  c.push(0);
  c.pushAll(Float64Array.from({ length: 99_999 }, (_, k) => k + 1), 0, 99_999);
  assert.equal(c.length, 100_000);
  assert.equal(c.at(70_000), 70_000);
  const all = c.toArray();
  assert.equal(all.length, 100_000);
  assert.equal(all.buffer.byteLength, 100_000 * 8, 'the reserved array itself, exact size');
  assert.ok(all.every((v, i) => v === i));
  assert.equal(c.length, 0);
});

test('more values than expected spill into chunks; fewer give an exact-size copy', () => {
  const more = new NumberChunks(1000);
  more.pushAll(Float64Array.from({ length: 800 }, (_, k) => k), 0, 800);
  more.pushAll(Float64Array.from({ length: 70_000 }, (_, k) => 800 + k), 0, 70_000);
  for (let i = 70_800; i < 70_900; i++) more.push(i);
  assert.equal(more.length, 70_900);
  assert.equal(more.at(65_536), 65_536);
  const a = more.toArray();
  assert.ok(a.length === 70_900 && a.every((v, i) => v === i));
  const fewer = new NumberChunks(1000);
  for (let i = 0; i < 10; i++) fewer.push(i);
  assert.deepEqual(Array.from(fewer.toArray()), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('a Parquet footer reserves its rows only when they are plausible for the file size', () => {
  assert.equal(plausibleRows(1_000_000, 51, 250_000_000), 1_000_000);
  assert.equal(plausibleRows(200, 3, 2_000), 200, 'small files always');
  assert.equal(plausibleRows(2 ** 31 - 1, 3, 2_000), 0, 'a forged count in a tiny file grows as pages arrive');
});
