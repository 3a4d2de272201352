/**
 * Runs a GradientRunner over many points, in chunks of its preferred size: all interpolation
 * points of all explained rows go through as few session runs as possible.
 */
import { CancelledError } from '../evaluator/batchingEvaluator';
import type { GradientBatch, GradientRunner } from './gradientRunner';

export interface RunStats {
  runs: number;
  points: number;
  millis: number;
}

export async function runChunked(runner: GradientRunner, points: Float64Array, count: number, stats: RunStats, isCancelled?: () => boolean): Promise<GradientBatch> {
  const d = runner.featureCount;
  const K = runner.kinkCount;
  const value = new Float64Array(count);
  const grad = new Float64Array(count * d);
  const kinks = K > 0 ? new Uint8Array(count * K) : undefined;
  const chunk = Math.max(1, runner.maxRowsPerRun);
  for (let start = 0; start < count; start += chunk) {
    if (isCancelled?.()) throw new CancelledError();
    const n = Math.min(chunk, count - start);
    const t0 = performance.now();
    const out = await runner.run(points.subarray(start * d, (start + n) * d), n);
    stats.millis += performance.now() - t0;
    stats.runs++;
    stats.points += n;
    value.set(out.value.subarray(0, n), start);
    grad.set(out.grad.subarray(0, n * d), start * d);
    if (kinks && out.kinks) kinks.set(out.kinks.subarray(0, n * K), start * K);
  }
  return kinks ? { value, grad, kinks } : { value, grad };
}

/** Points x' + α (x − x') for every (row, α) pair, row-major [Σ_rows count_r, d]. */
export function pathPoints(x: Float64Array, baseline: Float64Array, d: number, rowAlphas: readonly (readonly number[] | Float64Array)[]): Float64Array {
  const total = rowAlphas.reduce((s, a) => s + a.length, 0);
  const out = new Float64Array(total * d);
  let p = 0;
  rowAlphas.forEach((alphas, r) => {
    for (const a of alphas) {
      for (let j = 0; j < d; j++) out[p * d + j] = baseline[j] + a * (x[r * d + j] - baseline[j]);
      p++;
    }
  });
  return out;
}
