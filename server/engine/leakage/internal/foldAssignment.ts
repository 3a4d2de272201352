import { randomPermutation, type Random } from './seededRandom';

/**
 * Seeded k-fold assignment: fold[i] in 0..k-1, folds differ in size by at most one.
 * Cross-fitting (fit on k-1 folds, score the held-out fold) keeps a high-cardinality
 * column from being rewarded for memorising its rows (cf. Micci-Barreca 2001 on
 * target encoding; Chernozhukov et al. 2018 on cross-fitting).
 */
export function foldAssignment(n: number, k: number, random: Random): Int32Array {
  const perm = randomPermutation(n, random);
  const fold = new Int32Array(n);
  for (let i = 0; i < n; i++) fold[perm[i]] = i % k;
  return fold;
}
