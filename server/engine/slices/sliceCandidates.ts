import { sliceScoreUpperBound } from './sliceScore';
import { sliceItemsAt, sliceKey, type SliceLevel } from './sliceLattice';

/**
 * Candidate generation for lattice level L from the valid slices of level L−1, with the
 * paper's pruning (Sagadeeva & Boehm 2021, §4.2–4.3):
 * - join: two (L−1)-slices sharing L−2 predicates give one L-slice. We join only slices with
 *   the same first L−2 items (Apriori's prefix join, Agrawal & Srikant 1994), which yields every
 *   candidate exactly once, so no deduplication pass is needed and identities stay exact;
 * - a join of two predicates on the same feature is empty and dropped;
 * - missing parents: all L parents must be valid at level L−1, else the candidate is pruned
 *   (a missing parent was too small, error-free or score-pruned, and so is every descendant);
 * - size bound: the candidate's size is at most the smallest parent size;
 * - score bound: sliceScoreUpperBound over the minimum of the parents' size, error sum and
 *   max error must reach the current top-K threshold.
 */

/**
 * Relative slack on the score-bound comparison: the bound and an exact score may round
 * differently in the last bits when they coincide (a child with the same rows as its parent).
 * Keeping such candidates costs nothing and makes ties at rank K come out exactly.
 */
export const PRUNING_RELATIVE_SLACK = 1e-12;

export interface CandidateContext {
  /** Feature of each global item id. */
  readonly itemFeature: Int32Array;
  readonly averageError: number;
  readonly minSupport: number;
  readonly alpha: number;
  readonly rowCount: number;
  /** Candidates whose score bound is below this (minus slack) are pruned. */
  readonly threshold: number;
}

export interface CandidateSet {
  readonly level: number;
  readonly count: number;
  /** count × level item ids, lexicographic order. */
  readonly items: Int32Array;
  /** Index in the previous level of the parent holding all items but the last. */
  readonly prefixParent: Int32Array;
  /** Joined pairs on different features, before pruning. */
  readonly generated: number;
}

export function generateCandidates(previous: SliceLevel, context: CandidateContext): CandidateSet {
  const L = previous.level + 1;
  const prefixLength = L - 2;
  // Parent lookup is needed only when a candidate has parents other than the two joined ones.
  const index = new Map<string, number>();
  if (prefixLength > 0) for (let i = 0; i < previous.count; i++) index.set(sliceKey(sliceItemsAt(previous, i)), i);

  const items: number[] = [];
  const prefixParent: number[] = [];
  let generated = 0;
  const cutoff = context.threshold - PRUNING_RELATIVE_SLACK * Math.max(1, Math.abs(context.threshold));
  const otherParent = new Int32Array(L - 1);

  let groupStart = 0;
  while (groupStart < previous.count) {
    let groupEnd = groupStart + 1;
    while (groupEnd < previous.count && samePrefix(previous, groupStart, groupEnd, prefixLength)) groupEnd++;
    for (let i = groupStart; i < groupEnd; i++) {
      const a = sliceItemsAt(previous, i);
      const lastA = a[prefixLength];
      for (let j = i + 1; j < groupEnd; j++) {
        const lastB = previous.items[j * previous.level + prefixLength];
        if (context.itemFeature[lastA] === context.itemFeature[lastB]) continue;
        generated++;
        let size = Math.min(previous.size[i], previous.size[j]);
        let errorSum = Math.min(previous.errorSum[i], previous.errorSum[j]);
        let maxError = Math.min(previous.maxError[i], previous.maxError[j]);
        let parentsPresent = true;
        // The other parents drop one prefix item each and keep lastA and lastB.
        for (let drop = 0; drop < prefixLength && parentsPresent; drop++) {
          let w = 0;
          for (let t = 0; t < prefixLength; t++) if (t !== drop) otherParent[w++] = a[t];
          otherParent[w++] = lastA;
          otherParent[w] = lastB;
          const p = index.get(sliceKey(otherParent));
          if (p === undefined) {
            parentsPresent = false;
          } else {
            size = Math.min(size, previous.size[p]);
            errorSum = Math.min(errorSum, previous.errorSum[p]);
            maxError = Math.min(maxError, previous.maxError[p]);
          }
        }
        if (!parentsPresent || size < context.minSupport) continue;
        const bound = sliceScoreUpperBound(
          size,
          errorSum,
          maxError,
          context.averageError,
          context.minSupport,
          context.alpha,
          context.rowCount,
        );
        if (bound < cutoff) continue;
        for (let t = 0; t <= prefixLength; t++) items.push(a[t]);
        items.push(lastB);
        prefixParent.push(i);
      }
    }
    groupStart = groupEnd;
  }
  return {
    level: L,
    count: prefixParent.length,
    items: Int32Array.from(items),
    prefixParent: Int32Array.from(prefixParent),
    generated,
  };
}

function samePrefix(level: SliceLevel, a: number, b: number, prefixLength: number): boolean {
  const L = level.level;
  for (let t = 0; t < prefixLength; t++) if (level.items[a * L + t] !== level.items[b * L + t]) return false;
  return true;
}
