/**
 * Standard normal CDF via the complementary error function (Numerical Recipes' erfc
 * Chebyshev fit, |error| < 1.2e-7), accurate enough for p-values down to ~1e-12.
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 1 - 0.5 * erfc(z / Math.SQRT2);
}

/** Two-sided p-value of a z statistic. */
export function twoSidedP(z: number): number {
  return Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
}

/** One-sided p-value for "the statistic is this far below zero". */
export function lowerTailP(z: number): number {
  return normalCdf(z);
}

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
