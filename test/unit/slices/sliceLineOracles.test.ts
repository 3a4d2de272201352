/**
 * Apache SystemDS's SliceLine test cases (fixtures/sliceline, see its README): our exact
 * SliceLine must reproduce the brute-force top-K of all four, and SystemDS's own expected
 * table for the three where SystemDS is exact (custom_inputs_2 is the documented exception).
 */
import { FIXTURES as SHARED_FIXTURES } from '../../helpers/fixtures';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sliceLine } from '../../../server/engine/slices/sliceLine';
import { bruteForceTopK } from './bruteForceSlices';

const FIXTURES = join(SHARED_FIXTURES, 'sliceline');
/** Scores are sums of a few dozen doubles in a different order than the oracle's: 1e-9 relative. */
const SCORE_TOLERANCE = 1e-9;
/** The Java test compares its 3-decimal literals at 1e-2 (TestUtils.compareMatrices(..., 1e-2)). */
const SYSTEMDS_TOLERANCE = 1e-2;

interface OracleFile {
  readonly params: { k: number; alpha: number; minSup: number; maxL: number };
  readonly inputs: { X: number[][]; e: number[] };
  readonly expected_TKC: number[][];
  readonly bruteforce: {
    top: { predicates: { feature: number; value: number }[]; score: number; sum_error: number; max_error: number; size: number }[];
  };
}

function load(name: string): OracleFile {
  return JSON.parse(readFileSync(join(FIXTURES, `systemds_${name}.json`), 'utf8')) as OracleFile;
}

/** SystemDS codes start at 1 and a feature's domain is its column maximum (sliceLine.dml, fdom = colMaxs(X)). */
function toInput(file: OracleFile) {
  const X = file.inputs.X;
  const d = X[0].length;
  const codes = Array.from({ length: d }, (_, f) => Int32Array.from(X, (row) => row[f] - 1));
  const domains = Array.from({ length: d }, (_, f) => Math.max(...X.map((row) => row[f])));
  const errors = Float64Array.from(file.inputs.e);
  const { k, alpha, minSup, maxL } = file.params;
  return { codes, domains, errors, options: { k, alpha, minSupport: minSup, maxLevel: maxL } };
}

function close(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: ${actual} vs ${expected}`);
}

for (const name of ['custom_inputs_1', 'custom_inputs_2', 'custom_inputs_3', 'salaries_recode_first']) {
  test(`SystemDS ${name}: top-K equals the brute-force oracle (scores, stats and predicates)`, () => {
    const file = load(name);
    const input = toInput(file);
    const result = sliceLine(input);
    const oracle = file.bruteforce.top;
    assert.equal(result.top.length, oracle.length);
    result.top.forEach((s, i) => {
      const o = oracle[i];
      close(s.score, o.score, SCORE_TOLERANCE, `${name} rank ${i + 1} score`);
      close(s.errorSum, o.sum_error, SCORE_TOLERANCE, `${name} rank ${i + 1} error sum`);
      close(s.maxError, o.max_error, SCORE_TOLERANCE, `${name} rank ${i + 1} max error`);
      assert.equal(s.size, o.size, `${name} rank ${i + 1} size`);
    });
    // Predicates: compare as sets per score level (ties may list equal-score slices in any order).
    const key = (items: readonly { feature: number; value: number }[]): string =>
      items.map((p) => `${p.feature}=${p.value}`).join('&');
    const ours = new Set(result.top.map((s) => `${s.score.toFixed(9)}|${key(s.items)}`));
    const shift = oracleFeatureBase(file);
    const theirs = new Set(
      oracle.map((o) => `${o.score.toFixed(9)}|${key(o.predicates.map((p) => ({ feature: p.feature - shift, value: p.value - 1 })))}`),
    );
    assert.deepEqual([...ours].sort(), [...theirs].sort());
  });

  test(`SystemDS ${name}: our brute force agrees with the fixture's brute force`, () => {
    const file = load(name);
    const input = toInput(file);
    const ours = bruteForceTopK({ ...input, ...input.options });
    ours.forEach((s, i) => close(s.score, file.bruteforce.top[i].score, SCORE_TOLERANCE, `${name} rank ${i + 1}`));
  });
}

for (const name of ['custom_inputs_1', 'custom_inputs_3', 'salaries_recode_first']) {
  test(`SystemDS ${name}: TKC table matches the Java test's expected literals`, () => {
    const file = load(name);
    const result = sliceLine(toInput(file));
    assert.equal(result.top.length, file.expected_TKC.length);
    result.top.forEach((s, i) => {
      const [score, se, sm, ss] = file.expected_TKC[i];
      close(s.score, score, SYSTEMDS_TOLERANCE, `rank ${i + 1} score`);
      // Error sums of salaries are ~1e11: compare relative to the literal's own magnitude.
      close(s.errorSum, se, SYSTEMDS_TOLERANCE, `rank ${i + 1} error sum`);
      close(s.maxError, sm, SYSTEMDS_TOLERANCE, `rank ${i + 1} max error`);
      assert.equal(s.size, ss);
    });
  });
}

test('custom_inputs_2: the slice SystemDS prunes with a row/column mix-up is found at rank 4', () => {
  const file = load('custom_inputs_2');
  const result = sliceLine(toInput(file));
  const fourth = result.top[3];
  assert.equal(fourth.size, 4);
  close(fourth.errorSum, 2.725, SCORE_TOLERANCE, 'error sum');
  close(fourth.score, 0.0762, 1e-3, 'score');
});

/** The fixture's predicate feature numbers: 1-based as in SystemDS unless a 0 appears. */
function oracleFeatureBase(file: OracleFile): number {
  return file.bruteforce.top.some((o) => o.predicates.some((p) => p.feature === 0)) ? 0 : 1;
}
