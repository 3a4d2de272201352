/**
 * Stability of a Shapley-based global ranking (mean |φ| per feature): bootstrap the
 * explained rows (Efron 1979) and measure how the ranking moves (rankStability.ts). A
 * ranking from 20 explained rows can look decisive and still be noise.
 */
import { rankStability, type RankStability } from './rankStability';
import { seededRandom } from './random';
import type { ShapleyExplanation } from './shapleyExplanation';

export interface BootstrapOptions {
  /** Bootstrap resamples. Default 200. */
  readonly resamples?: number;
  readonly seed?: number;
  readonly output?: number;
}

export function bootstrapRankStability(e: ShapleyExplanation, options: BootstrapOptions = {}): RankStability {
  const d = e.features.length, w = e.outputWidth, n = e.rows;
  const output = options.output ?? 0;
  const rng = seededRandom(options.seed ?? 0);
  const abs = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) abs[r * d + j] = Math.abs(e.values[(r * d + j) * w + output]);
  const replicates: Float64Array[] = [];
  for (let b = 0; b < (options.resamples ?? 200); b++) {
    const imp = new Float64Array(d);
    for (let k = 0; k < n; k++) {
      const r = rng.nextInt(n);
      for (let j = 0; j < d; j++) imp[j] += abs[r * d + j] / n;
    }
    replicates.push(imp);
  }
  return rankStability(replicates);
}
