/**
 * Standard normal distribution: CDF, upper tail and quantile, in double precision.
 *
 * p-values of large slices can be 1e-30 or smaller, so the tails must keep their relative
 * accuracy: `1 - cdf(x)` would round to 0 there. The lower tail Φ(-a) is computed two ways
 * (Marsaglia, "Evaluating the normal distribution", J. Stat. Softw. 11(4), 2004):
 * - a ≤ SERIES_LIMIT: Φ(-a) = 1/2 − φ(a)·(a + a³/3 + a⁵/(3·5) + …), all terms positive;
 * - a > SERIES_LIMIT: Laplace's continued fraction Φ(-a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + …)))),
 *   which converges faster the further out in the tail.
 * Both keep ~1e-14 relative accuracy (checked against mpmath in the tests).
 */

/** Switch point between the series and the continued fraction (both converge well at 3). */
const SERIES_LIMIT = 3;
/** Beyond this |x| the tail is below the smallest double (Φ(-38.5) ≈ 1e-324). */
const TAIL_UNDERFLOW_ABS_X = 38.5;
/** Stop adding terms when they no longer change a double. */
const SERIES_EPSILON = 1e-17;
/** Continued-fraction depth cap; at a = 3 convergence to 1e-16 takes well under this. */
const MAX_FRACTION_TERMS = 500;
const SQRT_2PI = 2.5066282746310002;
/** Lentz's guard against division by zero. */
const TINY = 1e-300;

function standardNormalDensity(a: number): number {
  return Math.exp((-a * a) / 2) / SQRT_2PI;
}

/** Lower-tail probability Φ(-a) for a ≥ 0, accurate in relative terms far into the tail. */
function lowerTailOfAbs(a: number): number {
  if (a > TAIL_UNDERFLOW_ABS_X) return 0;
  if (a <= SERIES_LIMIT) {
    const a2 = a * a;
    let term = a;
    let sum = a;
    for (let k = 1; term > SERIES_EPSILON * sum; k++) {
      term *= a2 / (2 * k + 1);
      sum += term;
    }
    return 0.5 - standardNormalDensity(a) * sum;
  }
  // Modified Lentz evaluation of a + 1/(a + 2/(a + 3/(a + …))).
  let f = a;
  let c = a;
  let d = 0;
  for (let n = 1; n <= MAX_FRACTION_TERMS; n++) {
    d = a + n * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = a + n / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < SERIES_EPSILON) break;
  }
  return standardNormalDensity(a) / f;
}

/** Φ(x) = P(Z ≤ x) for a standard normal Z. NaN in, NaN out. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const tail = lowerTailOfAbs(Math.abs(x));
  return x > 0 ? 1 - tail : tail;
}

/** Upper tail P(Z > x) = Φ(-x), without the cancellation of `1 - normalCdf(x)`. */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

/** Two-sided p-value of a z statistic: P(|Z| ≥ |z|). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, 2 * lowerTailOfAbs(Math.abs(z)));
}

// Acklam's rational approximation (relative error 1.15e-9), refined below by one Halley step.
const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155833316e1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
/** Below this p (and above 1 - p) Acklam switches to the tail formula. */
const ACKLAM_P_LOW = 0.02425;

function acklam(p: number): number {
  const [a0, a1, a2, a3, a4, a5] = ACKLAM_A;
  const [b0, b1, b2, b3, b4] = ACKLAM_B;
  const [c0, c1, c2, c3, c4, c5] = ACKLAM_C;
  const [d0, d1, d2, d3] = ACKLAM_D;
  if (p < ACKLAM_P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - ACKLAM_P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}

/**
 * Φ⁻¹(p): the z with normalCdf(z) = p. Returns -Infinity for 0, Infinity for 1, NaN outside [0, 1].
 * Acklam's approximation plus one Halley step on the accurate CDF gives full double precision.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const x = acklam(p);
  const err = normalCdf(x) - p;
  const u = err * SQRT_2PI * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** The two-sided critical value z_{1-(1-level)/2}, e.g. 1.959964 for level 0.95. */
export function normalCriticalValue(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}
