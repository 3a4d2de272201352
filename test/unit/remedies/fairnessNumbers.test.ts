import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { fairnessNumbers } from '../../../server/engine/remedies/fairnessNumbers';
import { featureMatrix, type FeatureMatrix } from '../../../server/engine/evaluator/featureMatrix';

const EXACT = 1e-12;

/** Rows: (x, s) with s the group; score = 0.3 + 0.4·s + 0.1·x. */
function data(): FeatureMatrix {
  const rows = [
    [0, 0],
    [1, 0],
    [0.5, 0],
    [0, 1],
    [1, 1],
  ];
  return featureMatrix(rows.length, ['x', 'group'], Float64Array.from(rows.flat()));
}
const scoreOf = (m: FeatureMatrix) => Promise.resolve(Float64Array.from({ length: m.rows }, (_, i) => 0.3 + 0.4 * m.data[i * 2 + 1] + 0.1 * m.data[i * 2]));

test('fairnessNumbers: selection-rate and mean-score gaps between groups, and flips when only the group changes', async () => {
  const r = await fairnessNumbers({ matrix: data(), sensitiveIndex: 1, score: scoreOf, labels: new Float64Array(5), classification: true });
  assert.deepEqual(r.groups.map((g) => [g.group, g.rows, g.selectionRate]), [['group=0', 3, 0], ['group=1', 2, 1]]);
  assert.ok(Math.abs(r.demographicParityDifference! - 1) <= EXACT);
  assert.ok(Math.abs(r.meanScoreDifference - (0.75 - 0.35)) <= EXACT);
  // Every row crosses 0.5 when its group is swapped.
  assert.equal(r.flipRate, 1);
  assert.equal(r.counterfactualSwaps, 5);
  assert.ok(Math.abs(r.maxAbsScoreChange - 0.4) <= EXACT);
});

test('fairnessNumbers: a score that ignores the group has no flips and no score change; regression reports no selection rate', async () => {
  const r = await fairnessNumbers({ matrix: data(), sensitiveIndex: 1, score: (m) => Promise.resolve(Float64Array.from({ length: m.rows }, (_, i) => m.data[i * 2])), labels: new Float64Array(5), classification: false });
  assert.equal(r.flipRate, undefined);
  assert.equal(r.demographicParityDifference, undefined);
  assert.equal(r.maxAbsScoreChange, 0);
});

test('BAD CALL fairnessNumbers: a sensitive index outside the features is a RangeError', async () => {
  await assert.rejects(fairnessNumbers({ matrix: data(), sensitiveIndex: 2, score: scoreOf, labels: new Float64Array(5), classification: true }), { name: 'RangeError', message: /sensitive index 2/ });
});
