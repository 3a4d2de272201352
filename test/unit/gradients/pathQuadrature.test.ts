/** Quadrature rules: exactness laws of Gauss–Legendre and the trapezoid, and piecewise splitting. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gaussLegendre01 } from '../../../server/engine/gradients/gaussLegendre';
import { pathQuadrature, piecewiseQuadrature } from '../../../server/engine/gradients/pathQuadrature';

/** Sums of up to 64 weighted float64 terms: a few ulps of 1. */
const SUM_TOLERANCE = 1e-13;

const integrate = (q: { alphas: Float64Array; weights: Float64Array }, f: (a: number) => number): number => q.alphas.reduce((s, a, k) => s + q.weights[k] * f(a), 0);

test('n-point Gauss–Legendre is exact for polynomials of degree 2n − 1', () => {
  for (const n of [1, 2, 3, 5, 8, 16, 64]) {
    const { nodes, weights } = gaussLegendre01(n);
    for (let deg = 0; deg <= 2 * n - 1; deg += Math.max(1, Math.floor(n / 4))) {
      const s = integrate({ alphas: nodes, weights }, (a) => a ** deg);
      assert.ok(Math.abs(s - 1 / (deg + 1)) < SUM_TOLERANCE, `n=${n} degree ${deg}: ${s}`);
    }
  }
});

test('the trapezoid rule is exact for affine integrands and its weights sum to 1', () => {
  const q = pathQuadrature('riemann-trapezoid', 7);
  assert.ok(Math.abs(integrate(q, () => 1) - 1) < SUM_TOLERANCE);
  assert.ok(Math.abs(integrate(q, (a) => 3 * a - 1) - 0.5) < SUM_TOLERANCE);
});

test('piecewise Gauss–Legendre integrates a step function exactly when split at the step', () => {
  const q = piecewiseQuadrature([0.3], 2);
  assert.ok(Math.abs(integrate(q, (a) => (a < 0.3 ? 2 : -1)) - (0.6 - 0.7)) < SUM_TOLERANCE);
});

test('BAD CALL: pathQuadrature rejects non-positive steps (RangeError naming steps)', () => {
  assert.throws(() => pathQuadrature('gauss-legendre', 0), (e: unknown) => e instanceof RangeError && /steps/.test(e.message));
});
