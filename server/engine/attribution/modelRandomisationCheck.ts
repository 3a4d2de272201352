/**
 * Model-randomisation sanity check (Adebayo et al. 2018, "Sanity checks for saliency maps"):
 * attributions of a model whose weights were scrambled must differ from those of the
 * trained model; if they stay similar, the explanation reflects the data or the method, not
 * what the model learned. Similarity = mean over rows of Spearman ρ between |attributions|
 * (Adebayo et al. use rank correlation of absolute values too).
 */
import { spearmanCorrelation } from './rankCorrelation';

/**
 * Rank correlation of |attributions| for unrelated models is near 0; above 0.5 the
 * randomised model keeps most of the original ordering, which Adebayo et al. flag as failure.
 */
export const SANITY_MAX_SIMILARITY = 0.5;

export interface ModelRandomisationResult {
  /** Mean per-row Spearman ρ of |attributions|, in [−1, 1]. */
  readonly similarity: number;
  readonly threshold: number;
  /** True when the attributions changed enough (similarity < threshold). */
  readonly pass: boolean;
  readonly rows: number;
}

/** `original[r]` and `randomised[r]` are the attributions of row r (one value per feature). */
export function modelRandomisationCheck(
  original: readonly ArrayLike<number>[],
  randomised: readonly ArrayLike<number>[],
  threshold = SANITY_MAX_SIMILARITY,
): ModelRandomisationResult {
  if (original.length !== randomised.length || original.length === 0) {
    throw new RangeError(`modelRandomisationCheck: needs the same non-zero number of rows (${original.length} vs ${randomised.length})`);
  }
  let s = 0;
  original.forEach((row, r) => {
    s += spearmanCorrelation(Array.from(row, Math.abs), Array.from(randomised[r], Math.abs));
  });
  const similarity = s / original.length;
  return { similarity, threshold, pass: similarity < threshold, rows: original.length };
}
