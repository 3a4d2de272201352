/**
 * Seeded pseudo-random numbers (mulberry32) so every leakage report is reproducible:
 * DESIGN.md "the same inputs give the same report". Not for cryptography.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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
