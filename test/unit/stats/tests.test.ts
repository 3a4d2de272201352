import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twoProportionZTest } from '../../../server/engine/stats/proportionTest';
import { welchTTest, groupMoments, complementMoments } from '../../../server/engine/stats/welchTTest';
import { studentTTwoSidedP } from '../../../server/engine/stats/studentT';
import { regularizedIncompleteBeta, logGamma } from '../../../server/engine/stats/incompleteBeta';

const TOLERANCE = 1e-9;

function close(actual: number, expected: number, tol = TOLERANCE): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);
}

// References: scipy 1.17.1 (stats.t.sf, stats.ttest_ind(equal_var=False), stats.beta.cdf, math.lgamma).
test('incomplete beta and log-gamma match scipy', () => {
  close(regularizedIncompleteBeta(0.3, 2.5, 3.5), 0.29675298929566646);
  close(Math.exp(logGamma(7.3)), 1271.4236336639083, 1e-12);
  close(Math.exp(logGamma(0.3)), 2.991568987687590, 1e-12);
});

test('Student t two-sided tail matches scipy for fractional and small df', () => {
  close(studentTTwoSidedP(2.1, 5.5), 0.08469192512974699);
  close(studentTTwoSidedP(0.7, 30), 0.48932044349967163);
  close(studentTTwoSidedP(4, 1), 0.15595826075473865);
});

test('Welch t-test matches scipy ttest_ind(equal_var=False)', () => {
  const a = groupMoments([1.1, 2.3, 3.1, 4.8, 5.0, 2.2]);
  const b = groupMoments([2.5, 3.9, 4.1, 5.7, 6.2, 7.0, 8.1]);
  const r = welchTTest(a, b);
  close(r.t, -2.3403755835046147);
  close(r.df, 10.953029835055348);
  close(r.pValue, 0.039238760638042075);
});

test('complement moments equal the moments of the rows left out', () => {
  const values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
  const inGroup = [1, 4, 6, 9];
  const outGroup = values.map((_, i) => i).filter((i) => !inGroup.includes(i));
  const derived = complementMoments(groupMoments(values), groupMoments(values, inGroup));
  const direct = groupMoments(values, outGroup);
  close(derived.mean, direct.mean, 1e-12);
  close(derived.variance, direct.variance, 1e-12);
  assert.equal(derived.n, direct.n);
});

test('two-proportion z-test matches the pooled formula (numpy/scipy)', () => {
  const big = twoProportionZTest(57, 124, 262, 2876);
  close(big.z, 13.036240444730604);
  assert.ok(Math.abs(big.pValue - 7.611889601237579e-39) / 7.611889601237579e-39 < 1e-9);
  const small = twoProportionZTest(15, 40, 20, 80);
  close(small.z, 1.4201432049934526);
  close(small.pValue, 0.15556599427132733);
  close(twoProportionZTest(15, 40, 20, 80, 'greater').pValue, 0.15556599427132733 / 2);
  assert.deepEqual(twoProportionZTest(0, 10, 0, 20), { z: 0, pValue: 1 });
});
