/**
 * P(X ≥ k) for X ~ Poisson(λ), summed in log space: the chance of seeing at least k
 * coincidences when λ are expected (used for duplicate counts).
 */
export function poissonUpperTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  let term = Math.exp(-lambda);
  let below = term;
  for (let i = 1; i < k; i++) {
    term *= lambda / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}
