/**
 * Law: SliceLine's pruning never loses a slice that exhaustive enumeration ranks in the top-K
 * (DESIGN.md, Testing). Random small inputs, compared with the brute-force oracle; the seed of
 * every case is in the test name and in each assertion message, so a failure can be replayed.
 *
 * Errors are multiples of 1/8 so every error sum is exact in binary floating point: the
 * implementation and the oracle then compute bit-identical scores, and ties at rank K are
 * resolved by the shared total order rather than by rounding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sliceLine } from '../../../server/engine/slices/sliceLine';
import { createSeededRandom, randomInt, type RandomSource } from '../../../server/engine/stats/seededRandom';
import { bruteForceTopK } from './bruteForceSlices';

/** Cases per run: enough to hit ties, sparse domains and every pruning rule in well under a second each. */
const CASES = 300;
const FIRST_SEED = 1;
/** Error quantum (see the header). */
const ERROR_STEP = 1 / 8;

interface RandomCase {
  readonly codes: Int32Array[];
  readonly domains: number[];
  readonly errors: Float64Array;
  readonly options: { k: number; alpha: number; minSupport: number; maxLevel: number };
}

function randomCase(random: RandomSource): RandomCase {
  const n = 10 + randomInt(random, 150);
  const d = 2 + randomInt(random, 4);
  const domains = Array.from({ length: d }, () => 1 + randomInt(random, 4));
  // Some features are skewed so that rare values fall under minSupport.
  const codes = domains.map((dom) => {
    const skew = random() < 0.3;
    return Int32Array.from({ length: n }, () => (skew && random() < 0.7 ? 0 : randomInt(random, dom)));
  });
  // A planted high-error region makes deep slices score, so the bounds actually prune.
  const planted = codes.map((c, f) => (f < 2 ? randomInt(random, domains[f]) : -1));
  const binary = random() < 0.5;
  const errors = Float64Array.from({ length: n }, (_, r) => {
    const inPlanted = codes[0][r] === planted[0] && codes[1][r] === planted[1];
    const base = binary ? (random() < (inPlanted ? 0.7 : 0.2) ? 1 : 0) : randomInt(random, inPlanted ? 9 : 5) * ERROR_STEP;
    return base;
  });
  const options = {
    k: 1 + randomInt(random, 10),
    alpha: [0.5, 0.8, 0.9, 0.95, 0.99, 1][randomInt(random, 6)],
    minSupport: 1 + randomInt(random, 8),
    maxLevel: randomInt(random, d + 1),
  };
  return { codes, domains, errors, options };
}

function describeSlices(slices: readonly { items: readonly { feature: number; value: number }[]; score: number }[]): string[] {
  return slices.map((s) => `${s.score} ${s.items.map((p) => `f${p.feature}=${p.value}`).join('&')}`);
}

test(`pruning never loses a brute-force top-K slice (${CASES} random cases, seeds ${FIRST_SEED}..${FIRST_SEED + CASES - 1})`, () => {
  for (let seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
    const c = randomCase(createSeededRandom(seed));
    const ours = describeSlices(sliceLine(c).top);
    const oracle = describeSlices(bruteForceTopK({ ...c, ...c.options }));
    assert.deepEqual(ours, oracle, `seed ${seed}: options ${JSON.stringify(c.options)} domains ${JSON.stringify(c.domains)}`);
  }
});

test('pruning is effective: deeper levels evaluate fewer slices than exist (seed 42, larger case)', () => {
  const random = createSeededRandom(42);
  const n = 2000;
  const domains = [4, 4, 4, 4, 4, 4];
  const codes = domains.map((dom) => Int32Array.from({ length: n }, () => randomInt(random, dom)));
  const errors = Float64Array.from({ length: n }, (_, r) => (random() < (codes[0][r] === 1 && codes[3][r] === 2 ? 0.8 : 0.1) ? 1 : 0));
  const options = { k: 5, alpha: 0.95, minSupport: 20, maxLevel: 0 };
  const result = sliceLine({ codes, domains, errors, options });
  const allConjunctions = 5 ** 6 - 1;
  assert.ok(result.evaluatedCount < allConjunctions / 10, `evaluated ${result.evaluatedCount} of ${allConjunctions}`);
  assert.deepEqual(describeSlices(result.top), describeSlices(bruteForceTopK({ codes, domains, errors, ...options })));
  assert.deepEqual(result.top[0].items, [
    { feature: 0, value: 1 },
    { feature: 3, value: 2 },
  ]);
});

test('exact identities with many features: slices at both ends of 40 features are distinct (no mixed-radix id overflow)', () => {
  // 40 features × 3 values: a mixed-radix float id would need 3^40 ≈ 1.2e19 > 2^53.
  const random = createSeededRandom(7);
  const n = 400;
  const d = 40;
  const domains = Array.from({ length: d }, () => 3);
  const codes = domains.map((dom) => Int32Array.from({ length: n }, () => randomInt(random, dom)));
  const errors = Float64Array.from({ length: n }, (_, r) => {
    const first = codes[0][r] === 2 && codes[1][r] === 2;
    const last = codes[38][r] === 2 && codes[39][r] === 2;
    return first || last ? 1 : random() < 0.05 ? 1 : 0;
  });
  const options = { k: 10, alpha: 0.95, minSupport: 10, maxLevel: 2 };
  const result = sliceLine({ codes, domains, errors, options });
  assert.deepEqual(describeSlices(result.top), describeSlices(bruteForceTopK({ codes, domains, errors, ...options })));
  const keys = result.top.map((s) => s.items.map((p) => `${p.feature}=${p.value}`).join('&'));
  assert.ok(keys.includes('0=2&1=2') && keys.includes('38=2&39=2'), keys.join(' | '));
});
