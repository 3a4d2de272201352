/**
 * Seeded pseudo-random numbers for every stochastic attribution method, so the same
 * inputs give the same report (DESIGN.md "Randomness is seeded").
 *
 * Generator: xoshiro128** (Blackman & Vigna, "Scrambled linear pseudorandom number
 * generators", 2021), 128-bit state, period 2^128 − 1, seeded through splitmix32 so that
 * nearby seeds (0, 1, 2, …) give unrelated streams. Not cryptographic.
 */
export interface SeededRandom {
  /** The seed this stream started from (reported in results and test failures). */
  readonly seed: number;
  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
  /** Standard normal (Box–Muller, one value per call). */
  nextNormal(): number;
  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T;
  /** An independent stream derived from this one (for per-repeat / per-worker streams). */
  fork(): SeededRandom;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

export function seededRandom(seed: number): SeededRandom {
  if (!Number.isFinite(seed)) throw new TypeError(`seededRandom: seed must be a finite number, got ${seed}`);
  const init = splitmix32(Math.trunc(seed) >>> 0);
  const s = new Uint32Array([init(), init(), init(), init()]);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const next = (): number => nextU32() / 4294967296;
  const rng: SeededRandom = {
    seed,
    next,
    nextInt(n: number): number {
      if (!(n >= 1)) throw new RangeError(`nextInt: n must be ≥ 1, got ${n}`);
      return Math.floor(next() * n);
    },
    nextNormal(): number {
      let u = next();
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    shuffle<T extends { length: number; [i: number]: unknown }>(items: T): T {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
    fork(): SeededRandom {
      return seededRandom(nextU32());
    },
  };
  return rng;
}

/** A uniformly random permutation of 0..n−1. */
export function randomPermutation(n: number, rng: SeededRandom): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  return rng.shuffle(p);
}

/** k distinct indices from 0..n−1, uniformly (partial Fisher–Yates). */
export function sampleWithoutReplacement(n: number, k: number, rng: SeededRandom): Int32Array {
  if (k > n) throw new RangeError(`sampleWithoutReplacement: cannot take ${k} of ${n}`);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const tmp = p[i];
    p[i] = p[j];
    p[j] = tmp;
  }
  return p.slice(0, k);
}
