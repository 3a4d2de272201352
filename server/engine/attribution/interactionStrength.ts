/**
 * Friedman's H-statistic for pairwise interactions (Friedman & Popescu 2008, eq. 44):
 *   H²_jk = Σ_i [PD_jk(x_ij, x_ik) − PD_j(x_ij) − PD_k(x_ik)]² / Σ_i PD_jk(x_ij, x_ik)²
 * with every PD centred to mean zero over the rows. H² is the share of the joint effect's
 * variance not explained by the two main effects (0 = additive). Cost is n² model rows per
 * feature and per pair, so it runs on a seeded subsample of rows.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import { matrixRows, type FeatureMatrix } from '../evaluator/featureMatrix';
import { predictWithFeaturesSet } from './partialDependence';
import { sampleWithoutReplacement, seededRandom } from './random';

export interface InteractionStrengthOptions {
  /** Pairs of feature indices; default all pairs. */
  readonly pairs?: readonly (readonly [number, number])[];
  /** Rows used (subsample, seeded). Default 100. */
  readonly sampleSize?: number;
  readonly seed?: number;
  /** Model output to analyse. Default 0. */
  readonly output?: number;
}

export interface PairInteraction {
  readonly features: readonly [string, string];
  readonly h2: number;
  /** √H² (Friedman's H). */
  readonly h: number;
}

function centre(v: Float64Array): Float64Array {
  let m = 0;
  for (const x of v) m += x / v.length;
  return v.map((x) => x - m);
}

/** PD at each sampled row's own values of `features`, [n]. */
async function pdAtRows(evaluator: BatchingEvaluator, x: FeatureMatrix, features: readonly number[], output: number): Promise<Float64Array> {
  const n = x.rows, w = evaluator.outputWidth;
  const settings = Array.from({ length: n }, (_, i) => features.map((j) => x.data[i * x.cols + j]));
  const y = await predictWithFeaturesSet(evaluator, x, features, settings);
  const pd = new Float64Array(n);
  for (let g = 0; g < n; g++) for (let i = 0; i < n; i++) pd[g] += y[(g * n + i) * w + output] / n;
  return centre(pd);
}

export async function interactionStrength(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  options: InteractionStrengthOptions = {},
): Promise<PairInteraction[]> {
  const size = Math.min(options.sampleSize ?? 100, data.rows);
  const x = size < data.rows ? matrixRows(data, Array.from(sampleWithoutReplacement(data.rows, size, seededRandom(options.seed ?? 0))).sort((a, b) => a - b)) : data;
  const output = options.output ?? 0;
  const pairs = options.pairs ?? Array.from({ length: data.cols }, (_, j) => Array.from({ length: data.cols - j - 1 }, (_, t) => [j, j + t + 1] as const)).flat();
  const main = new Map<number, Float64Array>();
  const mainOf = async (j: number): Promise<Float64Array> => {
    const cached = main.get(j);
    if (cached) return cached;
    const pd = await pdAtRows(evaluator, x, [j], output);
    main.set(j, pd);
    return pd;
  };
  const out: PairInteraction[] = [];
  for (const [j, k] of pairs) {
    const joint = await pdAtRows(evaluator, x, [j, k], output);
    const pj = await mainOf(j), pk = await mainOf(k);
    let num = 0, den = 0;
    for (let i = 0; i < x.rows; i++) {
      num += (joint[i] - pj[i] - pk[i]) ** 2;
      den += joint[i] ** 2;
    }
    const h2 = den > 0 ? num / den : 0;
    out.push({ features: [data.names[j], data.names[k]], h2, h: Math.sqrt(h2) });
  }
  return out;
}
