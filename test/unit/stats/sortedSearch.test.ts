import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distinctSorted, lowerBound, midranks, upperBound } from '../../../server/engine/stats/sortedSearch';
import { rocAuc } from '../../../server/engine/stats/rocAuc';
import { selectRanks } from '../../../server/engine/stats/orderStatistics';
import { createSeededRandom } from '../../../server/engine/stats';

/** Values with many ties and both zeros, as binned or rounded columns have. */
function tied(n: number, seed: number): Float64Array {
  const r = createSeededRandom(seed);
  return Float64Array.from({ length: n }, () => (r() < 0.1 ? -0 : Math.floor(r() * 7) - 3));
}

test('bounds count the elements below / at most v; -0 and +0 are one value', () => {
  const s = Float64Array.from([-1, -0, 0, 0, 2]);
  assert.equal(lowerBound(s, 0), 1);
  assert.equal(upperBound(s, -0), 4);
  assert.deepEqual(Array.from(distinctSorted(s)), [-1, -0, 2]);
});

test('midranks match the mean position of each tie group', () => {
  const v = tied(500, 3);
  const r = midranks(v);
  for (let i = 0; i < v.length; i++) {
    let below = 0;
    let equal = 0;
    for (const w of v) {
      if (w < v[i]) below++;
      else if (w === v[i]) equal++;
    }
    assert.equal(r[i], below + (equal - 1) / 2);
  }
});

test('ROC AUC by sorted search equals the pairwise Mann–Whitney count (ties ½), with and without a row subset', () => {
  const scores = tied(400, 5);
  const r = createSeededRandom(9);
  const labels = Float64Array.from(scores, (s) => (r() < 0.3 + 0.1 * s ? 1 : 0));
  const rows = Int32Array.from({ length: 150 }, (_, i) => (i * 7) % 400);
  for (const subset of [undefined, rows]) {
    const idx = subset ? Array.from(subset) : scores.map((_, i) => i);
    let wins = 0;
    let pos = 0;
    let neg = 0;
    for (const a of idx) {
      if (labels[a]) pos++;
      else neg++;
      if (!labels[a]) continue;
      for (const b of idx) if (!labels[b]) wins += scores[a] > scores[b] ? 1 : scores[a] === scores[b] ? 0.5 : 0;
    }
    assert.ok(Math.abs(rocAuc(scores, labels, subset) - wins / (pos * neg)) < 1e-12);
  }
});

test('selected ranks hold the values a full sort puts there (ties, zeros, sorted and reversed input)', () => {
  const r = createSeededRandom(11);
  for (let t = 0; t < 300; t++) {
    const n = 1 + Math.floor(r() * 300);
    const levels = [1, 2, 5, 1000][t % 4];
    const a = Float64Array.from({ length: n }, () => Math.floor(r() * levels) - levels / 2);
    if (t % 5 === 0) a.sort();
    if (t % 7 === 0) a.reverse();
    const sorted = a.slice().sort();
    const ranks = [0, n - 1, Math.floor(n / 4), Math.floor(n / 2), Math.floor((3 * n) / 4)];
    const selected = a.slice();
    selectRanks(selected, ranks);
    for (const k of ranks) assert.equal(selected[k], sorted[k]);
  }
});
