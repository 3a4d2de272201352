/**
 * Seed stability of LIME (its perturbations are random, so two runs can disagree; Visani et
 * al. 2022 "Statistical stability indices for LIME"): run it under several seeds and report
 * each coefficient's spread and the mean pairwise Spearman agreement of |coefficient| ranks.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import { limeDiscretisation, limeTabular, type LimeExplanation, type LimeOptions } from './limeTabular';
import { spearmanCorrelation } from './rankCorrelation';
import { mean, sampleSd } from './summaryStats';

export interface LimeStability {
  readonly runs: readonly LimeExplanation[];
  readonly meanCoefficients: Float64Array;
  /** Per feature: sd of the coefficient across seeds. */
  readonly coefficientSd: Float64Array;
  /** Mean pairwise Spearman ρ of |coefficients| between runs (1 = same ranking every time). */
  readonly rankAgreement: number;
}

export async function limeStability(
  evaluator: BatchingEvaluator,
  train: FeatureMatrix,
  row: ArrayLike<number>,
  seeds: readonly number[],
  options: Omit<LimeOptions, 'seed'> = {},
): Promise<LimeStability> {
  if (seeds.length < 2) throw new RangeError('limeStability: needs at least two seeds');
  const disc = limeDiscretisation(train, options.categorical);
  const runs: LimeExplanation[] = [];
  for (const seed of seeds) runs.push(await limeTabular(evaluator, train, row, { ...options, seed }, disc));
  const d = train.cols;
  const meanCoefficients = new Float64Array(d);
  const coefficientSd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const vals = runs.map((r) => r.coefficients[j]);
    meanCoefficients[j] = mean(vals);
    coefficientSd[j] = sampleSd(vals);
  }
  const agreements: number[] = [];
  for (let a = 0; a < runs.length; a++) {
    for (let b = a + 1; b < runs.length; b++) {
      agreements.push(spearmanCorrelation(runs[a].coefficients.map(Math.abs), runs[b].coefficients.map(Math.abs)));
    }
  }
  return { runs, meanCoefficients, coefficientSd, rankAgreement: mean(agreements) };
}
