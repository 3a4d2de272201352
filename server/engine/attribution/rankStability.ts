/**
 * How stable a global importance ranking is across replicates (permutation repeats,
 * bootstrap resamples of explained rows, or seeds): for each feature, how often it keeps
 * the rank it has in the consensus (mean) ranking and the spread of its rank; overall, the
 * mean Kendall τ between each replicate's ranking and the consensus.
 */
import { kendallTau } from './rankCorrelation';
import { quantile } from './summaryStats';

export interface RankStability {
  /** Rank of each feature (1 = most important) by the mean importance over replicates. */
  readonly consensusRank: readonly number[];
  /** Per feature: fraction of replicates in which it has exactly its consensus rank. */
  readonly keepsRank: readonly number[];
  /** Per feature: 2.5% and 97.5% quantiles of its rank across replicates. */
  readonly rankInterval: readonly (readonly [number, number])[];
  /** Mean Kendall τ-b between each replicate's importances and the mean importances. */
  readonly meanKendall: number;
  readonly replicates: number;
}

/** Ordinal ranks, descending (1 = largest); ties keep feature order so ranks are a permutation. */
export function descendingRanks(importances: ArrayLike<number>): number[] {
  const order = Array.from({ length: importances.length }, (_, i) => i).sort(
    (a, b) => importances[b] - importances[a] || a - b,
  );
  const ranks = new Array<number>(importances.length);
  order.forEach((feature, position) => (ranks[feature] = position + 1));
  return ranks;
}

/** `replicates[r][j]` is the importance of feature j in replicate r. */
export function rankStability(replicates: readonly ArrayLike<number>[]): RankStability {
  const R = replicates.length;
  if (R === 0) throw new RangeError('rankStability: needs at least one replicate');
  const d = replicates[0].length;
  const meanImportance = new Float64Array(d);
  for (const rep of replicates) {
    if (rep.length !== d) throw new RangeError(`rankStability: replicate has ${rep.length} features, expected ${d}`);
    for (let j = 0; j < d; j++) meanImportance[j] += rep[j] / R;
  }
  const consensusRank = descendingRanks(meanImportance);
  const ranksByFeature = Array.from({ length: d }, () => new Float64Array(R));
  const kept = new Float64Array(d);
  let kendallSum = 0;
  replicates.forEach((rep, r) => {
    const ranks = descendingRanks(rep);
    for (let j = 0; j < d; j++) {
      ranksByFeature[j][r] = ranks[j];
      if (ranks[j] === consensusRank[j]) kept[j]++;
    }
    kendallSum += kendallTau(rep, meanImportance);
  });
  return {
    consensusRank,
    keepsRank: Array.from(kept, (k) => k / R),
    rankInterval: ranksByFeature.map((rs) => [quantile(rs, 0.025), quantile(rs, 0.975)] as const),
    meanKendall: kendallSum / R,
    replicates: R,
  };
}
