/**
 * Integrated Gradients (Sundararajan, Taly & Yan, "Axiomatic Attribution for Deep Networks",
 * ICML 2017): φ_j = (x_j − x'_j) ∫₀¹ ∂f/∂x_j(x' + α (x − x')) dα along the straight path from
 * the baseline x' to the row x, with the gradient from a GradientRunner (the model's gradient
 * graph in ONNX Runtime, or finite differences).
 *
 * Quadrature: when the runner reports kink patterns (ReLU networks), the path of each row is
 * split where the pattern changes and every piece gets `nodesPerPiece`-point Gauss–Legendre:
 * the integrand is smooth on each piece, so this matches the exact piecewise integral up to
 * where the breakpoints are located (KINK_TOLERANCE). Otherwise one `steps`-point rule
 * (Gauss–Legendre by default, or the Riemann trapezoid) covers [0, 1]. All points of all rows
 * are sent through the runner together, in chunks of its preferred size.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { CompletenessReport } from './completeness';
import { completenessGap } from './completeness';
import type { GradientRunner } from './gradientRunner';
import { kinkBreakpoints } from './kinkBreakpoints';
import type { PathQuadrature, QuadratureRule } from './pathQuadrature';
import { GL_PANEL_NODES, pathQuadrature, piecewiseQuadrature } from './pathQuadrature';
import type { RunStats } from './runChunked';
import { pathPoints, runChunked } from './runChunked';

/**
 * 32 panels × 8 Gauss–Legendre nodes: on the diabetes tanh MLP this is within 4e-3 of the
 * converged IG (attributions up to 512) even from the zero baseline, where standardised
 * inputs are far out and tanh saturates sharply; from the mean baseline it is converged.
 */
export const DEFAULT_STEPS = 256;
/** On a kink-free piece of a ReLU network the logit is affine and P(1) a smooth sigmoid of it: 8 nodes are exact to rounding. */
export const DEFAULT_NODES_PER_PIECE = 8;
/** Scan resolution for kink brackets: first-layer crossings are single per unit, so this only matters for deeper layers. */
export const DEFAULT_SCAN_STEPS = 64;
/** Breakpoints to 1e-10 in α: the attribution error is at most |gradient jump| · |x − x'| · 1e-10. */
export const KINK_TOLERANCE = 1e-10;
/** Safety cap on pieces per row (a 2-layer ReLU MLP on tabular data has tens). */
export const MAX_BREAKPOINTS_PER_ROW = 4096;

export interface IntegratedGradientsOptions {
  /** Baseline x' [d] (see baselines.ts). */
  readonly baseline: Float64Array;
  /** Rule on [0, 1] when the path is not split at kinks; default 'gauss-legendre'. */
  readonly rule?: QuadratureRule;
  /** Points of that rule (intervals for the trapezoid); default DEFAULT_STEPS. */
  readonly steps?: number;
  /** Split the path at kink-pattern changes when the runner reports them; default true. */
  readonly splitAtKinks?: boolean;
  readonly nodesPerPiece?: number;
  readonly scanSteps?: number;
  /**
   * Forward model for f(x) and f(x'), when the differentiated scalar is one of its output
   * columns (not a logit): completeness is then checked against the model itself, and the
   * gradient graph's own forward value is compared with it (graphForwardMismatch).
   */
  readonly forward?: { readonly evaluator: BatchingEvaluator; readonly column: number };
  readonly isCancelled?: () => boolean;
}

export interface IntegratedGradientsResult {
  readonly rows: number;
  readonly features: number;
  /** φ row-major [rows, d]. */
  readonly attributions: Float64Array;
  readonly fx: Float64Array;
  readonly fBaseline: Float64Array;
  readonly completeness: CompletenessReport;
  readonly quadrature: string;
  /** Gradient evaluations per row (mean) and kink-free pieces per row. */
  readonly pointsPerRow: number;
  readonly piecesPerRow?: Int32Array;
  readonly gradientSource: 'graph' | 'finite-differences';
  /** max |graph value − model value| over x and x' (only with `forward`). */
  readonly graphForwardMismatch?: number;
  readonly stats: RunStats;
}

export async function integratedGradients(runner: GradientRunner, x: Float64Array, rows: number, options: IntegratedGradientsOptions): Promise<IntegratedGradientsResult> {
  const d = runner.featureCount;
  if (x.length !== rows * d) throw new RangeError(`integratedGradients: x has ${x.length} values, expected rows × d = ${rows} × ${d}`);
  if (options.baseline.length !== d) throw new RangeError(`integratedGradients: baseline has ${options.baseline.length} values, the model has ${d} features`);
  const baseline = options.baseline;
  const stats: RunStats = { runs: 0, points: 0, millis: 0 };
  const split = (options.splitAtKinks ?? true) && runner.kinkCount > 0;
  const rule = options.rule ?? 'gauss-legendre';
  const steps = options.steps ?? DEFAULT_STEPS;
  const nodesPerPiece = options.nodesPerPiece ?? DEFAULT_NODES_PER_PIECE;

  let rowRules: PathQuadrature[];
  let pieces: Int32Array | undefined;
  let quadrature: string;
  if (split) {
    const breaks = await kinkBreakpoints(
      runner,
      x,
      baseline,
      rows,
      { scanSteps: options.scanSteps ?? DEFAULT_SCAN_STEPS, tolerance: KINK_TOLERANCE, maxBreakpointsPerRow: MAX_BREAKPOINTS_PER_ROW, isCancelled: options.isCancelled },
      stats,
    );
    rowRules = breaks.map((b) => piecewiseQuadrature(b, nodesPerPiece));
    pieces = Int32Array.from(breaks, (b) => b.length + 1);
    quadrature = `path split at ReLU sign changes (bisection to ${KINK_TOLERANCE} in α), ${nodesPerPiece}-point Gauss–Legendre per piece`;
  } else {
    const q = pathQuadrature(rule, steps);
    rowRules = Array.from({ length: rows }, () => q);
    quadrature =
      rule === 'gauss-legendre'
        ? `composite Gauss–Legendre, ${q.alphas.length} points (panels of ${Math.min(steps, GL_PANEL_NODES)} nodes) on [0, 1]`
        : `Riemann trapezoid, ${steps} intervals`;
  }

  const alphas = rowRules.map((q) => q.alphas);
  const total = alphas.reduce((s, a) => s + a.length, 0);
  // The path points, then x' and every x (for f(x') and f(x)), in one batched pass.
  const points = new Float64Array((total + 1 + rows) * d);
  points.set(pathPoints(x, baseline, d, alphas));
  points.set(baseline, total * d);
  points.set(x, (total + 1) * d);
  const out = await runChunked(runner, points, total + 1 + rows, stats, options.isCancelled);

  const attributions = new Float64Array(rows * d);
  let p = 0;
  for (let r = 0; r < rows; r++) {
    const { weights } = rowRules[r];
    for (let k = 0; k < weights.length; k++, p++) {
      for (let j = 0; j < d; j++) attributions[r * d + j] += weights[k] * out.grad[p * d + j];
    }
    for (let j = 0; j < d; j++) attributions[r * d + j] *= x[r * d + j] - baseline[j];
  }
  let fx = out.value.slice(total + 1, total + 1 + rows);
  let fBaseline = new Float64Array(rows).fill(out.value[total]);
  let graphForwardMismatch: number | undefined;
  if (options.forward) {
    const { evaluator, column } = options.forward;
    const y = await evaluator.predict(points.subarray(total * d), rows + 1);
    const w = evaluator.outputWidth;
    const model = Float64Array.from({ length: rows + 1 }, (_, i) => y[i * w + column]);
    graphForwardMismatch = 0;
    for (let i = 0; i <= rows; i++) graphForwardMismatch = Math.max(graphForwardMismatch, Math.abs(model[i] - out.value[total + i]));
    fBaseline = new Float64Array(rows).fill(model[0]);
    fx = model.slice(1);
  }
  const pointsPerRow = total / Math.max(1, rows);
  const completeness = completenessGap(attributions, fx, fBaseline, rows, d, { steps: Math.round(pointsPerRow), gradientSource: runner.kind });
  return {
    rows,
    features: d,
    attributions,
    fx,
    fBaseline,
    completeness,
    quadrature,
    pointsPerRow,
    ...(pieces ? { piecesPerRow: pieces } : {}),
    gradientSource: runner.kind,
    ...(graphForwardMismatch !== undefined ? { graphForwardMismatch } : {}),
    stats,
  };
}
