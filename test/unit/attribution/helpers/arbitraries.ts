/**
 * Shared generators and run settings for the attribution property tests (as jest's
 * __arbitraries__/sharedSettings): random models with main effects, pairwise and
 * three-way interactions, random data, and a seed list. Every failure message carries the seed.
 */
import { featureMatrix, type FeatureMatrix } from '../../../../server/engine/evaluator/featureMatrix';
import { seededRandom, type SeededRandom } from '../../../../server/engine/attribution/random';

/** Seeds per property; override with ATTRIBUTION_PROPERTY_RUNS for a longer soak. */
export const PROPERTY_SEEDS = Array.from({ length: Number(process.env.ATTRIBUTION_PROPERTY_RUNS ?? 12) }, (_, i) => 1000 + i);

export interface RandomModel {
  readonly d: number;
  readonly f: (x: ArrayLike<number>) => number;
  /** Features the model ignores (dummy players). */
  readonly unused: readonly number[];
}

/** A random non-additive model: linear + tanh main effects + products of 2 and 3 features, with some features unused. */
export function randomModel(rng: SeededRandom, d: number): RandomModel {
  const used = Array.from({ length: d }, () => rng.next() < 0.75);
  used[0] = true;
  const pick = (): number => {
    for (;;) {
      const j = rng.nextInt(d);
      if (used[j]) return j;
    }
  };
  const terms: ((x: ArrayLike<number>) => number)[] = [];
  for (let j = 0; j < d; j++) {
    if (!used[j]) continue;
    const a = rng.nextNormal(), b = rng.nextNormal();
    terms.push((x) => a * x[j] + b * Math.tanh(x[j]));
  }
  for (let t = 0; t < 3; t++) {
    const i = pick(), j = pick(), k = pick(), c = rng.nextNormal(), e = rng.nextNormal();
    terms.push((x) => c * x[i] * x[j] + 0.3 * e * x[i] * x[j] * x[k]);
  }
  return { d, f: (x) => terms.reduce((s, term) => s + term(x), 0), unused: used.flatMap((u, j) => (u ? [] : [j])) };
}

export function randomMatrix(rng: SeededRandom, rows: number, d: number): FeatureMatrix {
  const data = Float64Array.from({ length: rows * d }, () => Math.fround(rng.nextNormal()));
  return featureMatrix(rows, Array.from({ length: d }, (_, j) => `x${j}`), data);
}

export { seededRandom };
