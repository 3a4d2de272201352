/**
 * Quadrature rules for the Integrated Gradients path integral
 *   IG_j(x) = (x_j − x'_j) ∫₀¹ ∂f/∂x_j(x' + α (x − x')) dα   (Sundararajan et al. 2017, eq. 1)
 * as points α_k in [0, 1] with weights w_k (Σ w_k = 1):
 * - 'gauss-legendre': composite Gauss–Legendre, ⌈m / 8⌉ equal panels of 8 nodes (or one
 *   panel of m < 8 nodes). Each panel is exact for polynomials of degree 15, so it converges
 *   fast on smooth integrands; panels keep it robust when a saturating tanh/sigmoid makes the
 *   integrand change sharply somewhere along the path (one high-order panel would not).
 * - 'riemann-trapezoid': m intervals, m + 1 equally spaced points, end points weighted 1/2
 *   (the paper's §5 Riemann sum with the trapezoid correction); O(1/m²) on smooth paths.
 */
import { gaussLegendre01 } from './gaussLegendre';

/** Nodes per Gauss–Legendre panel: degree-15 exactness, and small enough to place panels finely. */
export const GL_PANEL_NODES = 8;

export type QuadratureRule = 'gauss-legendre' | 'riemann-trapezoid';

export interface PathQuadrature {
  readonly alphas: Float64Array;
  readonly weights: Float64Array;
}

export function pathQuadrature(rule: QuadratureRule, steps: number): PathQuadrature {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`pathQuadrature: steps must be a positive integer, got ${steps}`);
  if (rule === 'gauss-legendre') {
    const panels = Math.ceil(steps / GL_PANEL_NODES);
    return piecewiseQuadrature(Array.from({ length: panels - 1 }, (_, i) => (i + 1) / panels), Math.min(steps, GL_PANEL_NODES));
  }
  const alphas = new Float64Array(steps + 1);
  const weights = new Float64Array(steps + 1).fill(1 / steps);
  for (let k = 0; k <= steps; k++) alphas[k] = k / steps;
  weights[0] = weights[steps] = 1 / (2 * steps);
  return { alphas, weights };
}

/** The same rule mapped onto each piece [b_i, b_{i+1}] of a partition of [0, 1]. */
export function piecewiseQuadrature(breakpoints: readonly number[], nodesPerPiece: number): PathQuadrature {
  const { nodes, weights } = gaussLegendre01(nodesPerPiece);
  const edges = [0, ...breakpoints, 1];
  const pieces = edges.length - 1;
  const alphas = new Float64Array(pieces * nodesPerPiece);
  const w = new Float64Array(pieces * nodesPerPiece);
  for (let p = 0; p < pieces; p++) {
    const a = edges[p];
    const len = edges[p + 1] - a;
    for (let k = 0; k < nodesPerPiece; k++) {
      alphas[p * nodesPerPiece + k] = a + len * nodes[k];
      w[p * nodesPerPiece + k] = len * weights[k];
    }
  }
  return { alphas, weights: w };
}
