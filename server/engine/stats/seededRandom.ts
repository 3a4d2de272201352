/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same stream
 * on every platform, so bootstrap intervals and property tests are reproducible
 * (DESIGN.md: "Randomness is seeded; the same inputs give the same report").
 * 32-bit state is plenty for resampling; it is not for cryptography.
 */
export type RandomSource = () => number;

/** Returns a function yielding uniform numbers in [0, 1). */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [0, n). */
export function randomInt(random: RandomSource, n: number): number {
  return Math.floor(random() * n);
}
