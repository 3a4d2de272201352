/**
 * Weighted least squares with the efficiency constraint, the estimator of KernelSHAP:
 *   minimise Σ_k ω_k (a_k·φ − b_k)²   subject to   Σ_i φ_i = Δ,
 * with a_k the 0/1 coalition mask, b_k = v(S_k) − v(∅) and Δ = f(x) − v(∅). The constraint
 * is eliminated by substituting φ_{d−1} = Δ − Σ_{i<d−1} φ_i (as shap's KernelExplainer),
 * leaving an unconstrained (d−1)-dimensional problem solved through its normal equations
 * by Cholesky. Several right-hand sides (model outputs) share one factorisation.
 */

/** Relative pivot below which the normal matrix is treated as singular (too few coalitions). */
const SINGULAR_PIVOT = 1e-12;

export class SingularRegressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SingularRegressionError';
  }
}

/**
 * `masks` [K, d], `weights` [K], `targets` [K, w] (b_k per output), `delta` [w].
 * Returns φ as [d, w].
 */
export function efficientLeastSquares(
  masks: Uint8Array,
  weights: Float64Array,
  targets: Float64Array,
  delta: Float64Array,
  d: number,
): Float64Array {
  const K = weights.length;
  const w = delta.length;
  const phi = new Float64Array(d * w);
  if (d === 1) {
    phi.set(delta);
    return phi;
  }
  const p = d - 1;
  const G = new Float64Array(p * p); // Zᵀ Ω Z
  const h = new Float64Array(p * w); // Zᵀ Ω y
  const z = new Float64Array(p);
  for (let k = 0; k < K; k++) {
    const wk = weights[k];
    if (wk === 0) continue;
    const last = masks[k * d + d - 1];
    for (let i = 0; i < p; i++) z[i] = masks[k * d + i] - last;
    for (let i = 0; i < p; i++) {
      if (z[i] === 0) continue;
      const wz = wk * z[i];
      for (let j = 0; j <= i; j++) G[i * p + j] += wz * z[j];
      for (let o = 0; o < w; o++) h[i * w + o] += wz * (targets[k * w + o] - last * delta[o]);
    }
  }
  // Cholesky G = L Lᵀ in place (lower triangle).
  let scale = 0;
  for (let i = 0; i < p; i++) scale = Math.max(scale, G[i * p + i]);
  for (let j = 0; j < p; j++) {
    let diag = G[j * p + j];
    for (let k = 0; k < j; k++) diag -= G[j * p + k] ** 2;
    if (!(diag > SINGULAR_PIVOT * scale)) {
      throw new SingularRegressionError(
        `KernelSHAP regression is singular at feature ${j}: the sampled coalitions do not separate all features; increase the budget`,
      );
    }
    const l = Math.sqrt(diag);
    G[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let v = G[i * p + j];
      for (let k = 0; k < j; k++) v -= G[i * p + k] * G[j * p + k];
      G[i * p + j] = v / l;
    }
  }
  for (let o = 0; o < w; o++) {
    const y = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let v = h[i * w + o];
      for (let k = 0; k < i; k++) v -= G[i * p + k] * y[k];
      y[i] = v / G[i * p + i];
    }
    let sum = 0;
    for (let i = p - 1; i >= 0; i--) {
      let v = y[i];
      for (let k = i + 1; k < p; k++) v -= G[k * p + i] * phi[k * w + o];
      phi[i * w + o] = v / G[i * p + i];
      sum += phi[i * w + o];
    }
    phi[(d - 1) * w + o] = delta[o] - sum;
  }
  return phi;
}
