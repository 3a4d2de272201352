/**
 * Gauss–Legendre nodes and weights on [0, 1]: the n-point rule is exact for polynomials of
 * degree 2n − 1 (Golub & Welsch 1969; here Newton's method on the Legendre polynomial P_n
 * from the Chebyshev-like initial guesses cos(π(i − 1/4)/(n + 1/2)), Abramowitz & Stegun 22.16).
 */

/** Newton iterations stop when a root moves less than this (float64 resolution near 1). */
const ROOT_TOLERANCE = 1e-15;
const MAX_NEWTON_ITERATIONS = 100;

const cache = new Map<number, { nodes: Float64Array; weights: Float64Array }>();

export function gaussLegendre01(n: number): { readonly nodes: Float64Array; readonly weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`gaussLegendre01: n must be a positive integer, got ${n}`);
  const hit = cache.get(n);
  if (hit) return hit;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    let z = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 1;
    for (let it = 0; it < MAX_NEWTON_ITERATIONS; it++) {
      // Three-term recurrence: k P_k = (2k − 1) z P_{k−1} − (k − 1) P_{k−2}.
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? z : p1;
      const pn1 = n === 1 ? 1 : p0;
      dp = (n * (z * pn - pn1)) / (z * z - 1);
      const step = pn / dp;
      z -= step;
      if (Math.abs(step) < ROOT_TOLERANCE) break;
    }
    if (n === 1) dp = 1;
    // Map [−1, 1] → [0, 1]: x = (1 ∓ z)/2, w = 1/((1 − z²) P_n'(z)²) (half the [−1, 1] weight).
    const w = n === 1 ? 1 : 1 / ((1 - z * z) * dp * dp);
    nodes[i] = (1 - z) / 2;
    nodes[n - 1 - i] = (1 + z) / 2;
    weights[i] = w;
    weights[n - 1 - i] = w;
  }
  const rule = { nodes, weights };
  cache.set(n, rule);
  return rule;
}
