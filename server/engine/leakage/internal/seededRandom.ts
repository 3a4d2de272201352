/**
 * Seeded randomness for the leakage checks (generator from the shared stats module) plus
 * the permutation helpers they need, so every report is reproducible: DESIGN.md "the same
 * inputs give the same report".
 */
import { createSeededRandom, type RandomSource } from '../../stats';

export type Random = RandomSource;

export function seededRandom(seed: number): Random {
  return createSeededRandom(seed);
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function randomPermutation(n: number, random: Random): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** Up to `size` distinct indices of 0..n-1, in random order. */
export function sampleIndices(n: number, size: number, random: Random): Int32Array {
  const p = randomPermutation(n, random);
  return size >= n ? p : p.subarray(0, size);
}
