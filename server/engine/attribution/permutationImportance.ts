/**
 * Permutation importance (Breiman 2001; Fisher, Rudin & Dominici 2019 "model reliance"),
 * in sklearn.inspection.permutation_importance's form: importance of feature j in repeat r
 * = score(X) − score(X with column j permuted), for scorers where larger is better; loss
 * scorers are negated so that a larger value always means "the model relies on it more".
 *
 * All repeats of one feature go to the evaluator as one matrix, so the model sees large
 * batches and the engine's overhead stays small next to model time.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import type { GlobalImportance } from '../../results/report';
import { randomPermutation, seededRandom } from './random';
import { rankStability, type RankStability } from './rankStability';
import type { Scorer } from './scorers';
import { mean, meanConfidenceInterval95, populationSd } from './summaryStats';

export interface PermutationImportanceOptions {
  readonly scorer: Scorer;
  /** Number of permutations per feature (sklearn's n_repeats). Default 5. */
  readonly repeats?: number;
  readonly seed?: number;
}

export interface FeaturePermutationImportance {
  readonly feature: string;
  /** Mean over repeats of (baseline score − permuted score), sign-adjusted for losses. */
  readonly mean: number;
  /** Population sd over repeats (numpy's default, as sklearn reports `importances_std`). */
  readonly sd: number;
  /** 95% Student-t confidence interval of the mean. */
  readonly ci: readonly [number, number];
  /** Raw per-repeat importances. */
  readonly repeats: readonly number[];
}

export interface PermutationImportanceResult {
  readonly scorer: string;
  readonly baselineScore: number;
  readonly seed: number;
  readonly features: readonly FeaturePermutationImportance[];
  /** Stability of the ranking across repeats. */
  readonly stability: RankStability;
  /** In GlobalImportance form (ranked, with CI) for the report. */
  readonly global: readonly GlobalImportance[];
}

export async function permutationImportance(
  evaluator: BatchingEvaluator,
  data: FeatureMatrix,
  labels: ArrayLike<number>,
  options: PermutationImportanceOptions,
): Promise<PermutationImportanceResult> {
  const { rows: n, cols: d } = data;
  const repeats = options.repeats ?? 5;
  const seed = options.seed ?? 0;
  if (labels.length !== n) throw new RangeError(`permutationImportance: ${labels.length} labels for ${n} rows`);
  if (!(repeats >= 1)) throw new RangeError(`permutationImportance: repeats must be ≥ 1, got ${repeats}`);
  const { scorer } = options;
  const w = evaluator.outputWidth;
  const sign = scorer.greaterIsBetter ? 1 : -1;
  const baselineScore = scorer.score(labels, await evaluator.predict(data.data, n), w);
  const rng = seededRandom(seed);

  const perRepeat: Float64Array[] = Array.from({ length: repeats }, () => new Float64Array(d));
  const stacked = new Float64Array(repeats * n * d);
  for (let r = 0; r < repeats; r++) stacked.set(data.data, r * n * d);
  for (let j = 0; j < d; j++) {
    for (let r = 0; r < repeats; r++) {
      const perm = randomPermutation(n, rng);
      const base = r * n * d;
      for (let i = 0; i < n; i++) stacked[base + i * d + j] = data.data[perm[i] * d + j];
    }
    const y = await evaluator.predict(stacked, repeats * n);
    for (let r = 0; r < repeats; r++) {
      const score = scorer.score(labels, y.subarray(r * n * w, (r + 1) * n * w), w);
      perRepeat[r][j] = sign * (baselineScore - score);
    }
    // Restore column j before permuting the next one.
    for (let r = 0; r < repeats; r++) {
      const base = r * n * d;
      for (let i = 0; i < n; i++) stacked[base + i * d + j] = data.data[i * d + j];
    }
  }

  const features = data.names.map((feature, j): FeaturePermutationImportance => {
    const values = perRepeat.map((rep) => rep[j]);
    return { feature, mean: mean(values), sd: populationSd(values), ci: meanConfidenceInterval95(values), repeats: values };
  });
  const stability = rankStability(perRepeat);
  const global = features.map((f, j) => ({ feature: f.feature, importance: f.mean, ci: f.ci, rank: stability.consensusRank[j] }));
  return { scorer: scorer.name, baselineScore, seed, features, stability, global };
}
