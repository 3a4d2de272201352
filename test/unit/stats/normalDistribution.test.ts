import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalCdf, normalQuantile, normalTwoSidedP, normalCriticalValue } from '../../../server/engine/stats/normalDistribution';

/** Hart's approximation is good to ~1e-14 relative; allow a little slack. */
const RELATIVE_TOLERANCE = 1e-12;

function assertRelClose(actual: number, expected: number, tol = RELATIVE_TOLERANCE): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.abs(expected), `${actual} vs ${expected}`);
}

// Reference values: mpmath 1.3.0 ncdf at 30 digits; scipy 1.17.1 norm.ppf.
test('normalCdf matches mpmath in the body and far into the lower tail', () => {
  assertRelClose(normalCdf(-1.96), 0.024997895148220435);
  assertRelClose(normalCdf(-5), 2.866515718791939e-7);
  assertRelClose(normalCdf(-10), 7.619853024160525e-24);
  assertRelClose(normalCdf(-20), 2.7536241186062337e-89);
  assertRelClose(normalCdf(0.5), 0.6914624612740131);
  assertRelClose(normalCdf(3), 0.9986501019683699);
  assert.equal(normalCdf(0), 0.5);
  assert.ok(Number.isNaN(normalCdf(NaN)));
});

test('normalTwoSidedP keeps relative accuracy for huge z', () => {
  assertRelClose(normalTwoSidedP(13.036240444730604), 7.611889601237579e-39, 1e-10);
  assert.equal(normalTwoSidedP(0), 1);
});

test('normalQuantile inverts normalCdf to double precision (scipy norm.ppf)', () => {
  assertRelClose(normalQuantile(0.975), 1.959963984540054);
  assertRelClose(normalQuantile(1e-10), -6.361340902404056);
  assertRelClose(normalQuantile(0.3), -0.5244005127080409);
  assertRelClose(normalQuantile(0.999999), 4.753424308817087, 1e-9);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
  assertRelClose(normalCriticalValue(0.95), 1.959963984540054);
});
