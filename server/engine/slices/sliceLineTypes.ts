/**
 * Inputs and outputs of the SliceLine core (sliceLine.ts). The core sees only integer codes
 * and per-row errors: binning (binning.ts) and the choice of error (rowErrors.ts) happen before.
 */

/**
 * Codes as binning makes them: the narrowest signed integer array that holds the domain
 * (one byte per row for the usual ≤ 127 bins: at a million rows × 50 features that is 50 MB
 * instead of 200 MB for Int32).
 */
export type CodeArray = Int8Array | Int16Array | Int32Array;

/** A zeroed code array for `n` rows whose codes lie in [-1, maxCode]. */
export function codeArray(n: number, maxCode: number): CodeArray {
  return maxCode <= 127 ? new Int8Array(n) : maxCode <= 32767 ? new Int16Array(n) : new Int32Array(n);
}

export interface SliceLineInput {
  /**
   * One code array per feature, one code per row: the value index 0 .. domains[f]-1 of the row,
   * or a negative number when the row matches no predicate of that feature.
   */
  readonly codes: readonly ArrayLike<number>[];
  /** Number of distinct values (predicates) per feature. */
  readonly domains: readonly number[];
  /** Non-negative error of each row (0/1 misclassification, log-loss, squared error, …). */
  readonly errors: ArrayLike<number>;
  readonly options: SliceLineOptions;
}

export interface SliceLineOptions {
  /** Number of top slices to return (K). */
  readonly k: number;
  /** Weight of the error term against the size term in the score, in [0, 1]. */
  readonly alpha: number;
  /** Minimum number of rows of a reported slice (σ in the paper). */
  readonly minSupport: number;
  /** Maximum number of predicates in a slice; 0 = as many as there are features. */
  readonly maxLevel: number;
}

/** One predicate of a slice: feature index and value index (the code). */
export interface SliceItem {
  readonly feature: number;
  readonly value: number;
}

export interface ScoredSlice {
  /** Predicates in ascending feature order. */
  readonly items: readonly SliceItem[];
  readonly score: number;
  /** Sum of row errors in the slice (se). */
  readonly errorSum: number;
  /** Largest row error in the slice (sm). */
  readonly maxError: number;
  /** Number of rows (ss). */
  readonly size: number;
}

/** Enumeration statistics of one lattice level (the paper's Figure 6 quantities). */
export interface SliceLineLevelStats {
  readonly level: number;
  /** Candidates after the join, before pruning. */
  readonly generated: number;
  /** Candidates evaluated on the data after size, score and missing-parent pruning. */
  readonly evaluated: number;
  /** Evaluated slices with size ≥ minSupport and error > 0 (kept to build the next level). */
  readonly valid: number;
  /** Lowest score in the top-K after this level (-Infinity while the top-K is not full). */
  readonly topKMinScore: number;
}

export interface SliceLineResult {
  /** At most K slices with score > 0 and size ≥ minSupport, best first. */
  readonly top: readonly ScoredSlice[];
  readonly rowCount: number;
  readonly averageError: number;
  readonly levels: readonly SliceLineLevelStats[];
  /** Slices whose statistics were computed on the data (all levels): the size of the searched family. */
  readonly evaluatedCount: number;
}
