/**
 * Gradient saliency (Simonyan et al. 2014, "Deep Inside Convolutional Networks", §3) and
 * gradient × input (Shrikumar et al. 2016): local, single-point explanations. Unlike
 * Integrated Gradients they are not complete (they need not add up to f(x) − f(x')).
 */
import type { GradientRunner } from './gradientRunner';
import type { RunStats } from './runChunked';
import { runChunked } from './runChunked';

export interface SaliencyResult {
  readonly rows: number;
  readonly features: number;
  /** f(x) per row. */
  readonly value: Float64Array;
  /** ∂f/∂x_j row-major [rows, d]. */
  readonly gradient: Float64Array;
  /** x_j · ∂f/∂x_j row-major [rows, d]. */
  readonly gradientTimesInput: Float64Array;
  readonly gradientSource: 'graph' | 'finite-differences';
  readonly stats: RunStats;
}

export async function saliency(runner: GradientRunner, x: Float64Array, rows: number, isCancelled?: () => boolean): Promise<SaliencyResult> {
  const d = runner.featureCount;
  if (x.length !== rows * d) throw new RangeError(`saliency: x has ${x.length} values, expected rows × d = ${rows} × ${d}`);
  const stats: RunStats = { runs: 0, points: 0, millis: 0 };
  const out = await runChunked(runner, x, rows, stats, isCancelled);
  const gradientTimesInput = Float64Array.from(out.grad, (g, i) => g * x[i]);
  return { rows, features: d, value: out.value, gradient: out.grad, gradientTimesInput, gradientSource: runner.kind, stats };
}
