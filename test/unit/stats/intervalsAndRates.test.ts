import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wilsonInterval } from '../../../server/engine/stats/wilsonInterval';
import { benjaminiHochbergQValues } from '../../../server/engine/stats/benjaminiHochberg';
import { rocAuc, rocAucStandardError } from '../../../server/engine/stats/rocAuc';
import { bootstrapInterval } from '../../../server/engine/stats/bootstrapInterval';
import { cohensH, cohensD } from '../../../server/engine/stats/effectSize';
import { expectedCalibrationError } from '../../../server/engine/stats/calibrationError';
import { groupMoments } from '../../../server/engine/stats/welchTTest';

const TOLERANCE = 1e-12;

function close(actual: number, expected: number, tol = TOLERANCE): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);
}

// References: scipy 1.17.1 binomtest(...).proportion_ci(method='wilson'), false_discovery_control,
// mannwhitneyu; Cohen's h and d from their definitions.
test('Wilson interval matches scipy, including 0 successes', () => {
  const [lo, hi] = wilsonInterval(7, 20);
  close(lo, 0.1811918241010821, 1e-10);
  close(hi, 0.5671457233147637, 1e-10);
  const [lo0, hi0] = wilsonInterval(0, 10);
  assert.equal(lo0, 0);
  close(hi0, 0.27753279986288926, 1e-10);
});

test('Benjamini–Hochberg q-values match scipy false_discovery_control', () => {
  const q = benjaminiHochbergQValues([0.01, 0.04, 0.03, 0.005, 0.5, 0.2]);
  [0.03, 0.06, 0.06, 0.03, 0.5, 0.24].forEach((e, i) => close(q[i], e));
});

test('Benjamini–Hochberg with a larger family is never less conservative', () => {
  const p = [0.01, 0.04, 0.03, 0.005];
  const subset = benjaminiHochbergQValues(p);
  const family = benjaminiHochbergQValues(p, 40);
  p.forEach((_, i) => assert.ok(family[i] >= subset[i]));
  close(family[3], Math.min(1, (0.005 * 40) / 1));
});

test('ROC AUC counts ties as one half (Mann–Whitney U)', () => {
  const y = [0, 0, 1, 1, 1, 0, 1, 0];
  const s = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2];
  close(rocAuc(s, y), 0.8125);
  close(rocAuc(s, y, [0, 3, 6]), 1);
  assert.ok(Number.isNaN(rocAuc(s, y, [0, 1])));
  assert.ok(rocAucStandardError(0.8125, 4, 4) > 0);
});

test('bootstrap interval is seeded, ordered and covers the mean of a tight sample', () => {
  const values = Array.from({ length: 200 }, (_, i) => 10 + Math.sin(i));
  const mean = (idx: Int32Array): number => idx.reduce((s, i) => s + values[i], 0) / idx.length;
  const a = bootstrapInterval(values.length, mean, { seed: 7, resamples: 500 });
  const b = bootstrapInterval(values.length, mean, { seed: 7, resamples: 500 });
  assert.deepEqual(a, b);
  assert.ok(a[0] < a[1]);
  const full = values.reduce((s, v) => s + v, 0) / values.length;
  assert.ok(a[0] < full && full < a[1]);
});

test('effect sizes follow their definitions', () => {
  close(cohensH(0.5, 0.5), 0);
  close(cohensH(0.46, 0.0935), 2 * Math.asin(Math.sqrt(0.46)) - 2 * Math.asin(Math.sqrt(0.0935)));
  const d = cohensD(groupMoments([1, 2, 3, 4]), groupMoments([3, 4, 5, 6]));
  close(d, -2 / Math.sqrt(5 / 3));
});

test('ECE is zero for perfect calibration and |p - y| for one bin', () => {
  assert.equal(expectedCalibrationError([0.05, 0.05], [0, 0]), 0.05);
  close(expectedCalibrationError([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0]), 0);
  close(expectedCalibrationError([0.9, 0.1], [0, 1]), 0.9);
});
