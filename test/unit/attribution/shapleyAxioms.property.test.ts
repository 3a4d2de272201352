/**
 * The Shapley axioms (Shapley 1953) as property tests on random non-additive JS models, for
 * exact enumeration and for KernelSHAP. Each test is named after its law; each failure
 * names the seed. Why not every law for KernelSHAP: with sampled coalitions, symmetry and
 * dummy hold only in expectation (two symmetric features are sampled in different
 * coalitions), so they are checked for KernelSHAP only when its budget covers all 2^d
 * coalitions; efficiency and linearity hold exactly at any budget (constrained least
 * squares is linear in the coalition values and enforces the sum).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactShapley } from '../../../server/engine/attribution/exactShapley';
import { kernelShap } from '../../../server/engine/attribution/kernelShap';
import { backgroundFromRows } from '../../../server/engine/attribution/backgroundSample';
import { checkShapleyEfficiency } from '../../../server/engine/attribution/shapleyEfficiency';
import type { ShapleyExplanation } from '../../../server/engine/attribution/shapleyExplanation';
import type { FeatureMatrix } from '../../../server/engine/evaluator/featureMatrix';
import { jsEvaluator } from './helpers/jsPredictor';
import { PROPERTY_SEEDS, randomMatrix, randomModel, seededRandom } from './helpers/arbitraries';

/** float64 arithmetic on sums of ≤ 2^8 terms of O(1) values: 1e-9 is far above rounding, far below any real error. */
const AXIOM_TOLERANCE = 1e-9;

type Explainer = (f: (x: ArrayLike<number>) => number, d: number, x: FeatureMatrix, bg: FeatureMatrix) => Promise<ShapleyExplanation>;

const explainers: Record<string, { explain: Explainer; allLaws: boolean }> = {
  exact: { explain: (f, d, x, bg) => exactShapley(jsEvaluator(d, f), x, backgroundFromRows(bg)), allLaws: true },
  'kernelshap (sampled)': { explain: (f, d, x, bg) => kernelShap(jsEvaluator(d, f), x, backgroundFromRows(bg), { budget: 3 * d + 20, seed: 7 }), allLaws: false },
  'kernelshap (full budget)': { explain: (f, d, x, bg) => kernelShap(jsEvaluator(d, f), x, backgroundFromRows(bg), { budget: 2 ** d, seed: 7 }), allLaws: true },
};

function setup(seed: number): { d: number; model: ReturnType<typeof randomModel>; x: FeatureMatrix; bg: FeatureMatrix } {
  const rng = seededRandom(seed);
  const d = 3 + rng.nextInt(5);
  return { d, model: randomModel(rng, d), x: randomMatrix(rng, 3, d), bg: randomMatrix(rng, 6, d) };
}

const close = (a: number, b: number, what: string, seed: number): void =>
  assert.ok(Math.abs(a - b) <= AXIOM_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b)), `${what}: ${a} vs ${b} (seed ${seed})`);

for (const [name, { explain, allLaws }] of Object.entries(explainers)) {
  test(`${name}: efficiency — base value + Σφ = f(x)`, async () => {
    for (const seed of PROPERTY_SEEDS) {
      const { d, model, x, bg } = setup(seed);
      const e = await explain(model.f, d, x, bg);
      const check = checkShapleyEfficiency(e, AXIOM_TOLERANCE);
      assert.ok(check.ok, `${check.message} (seed ${seed})`);
      for (let r = 0; r < x.rows; r++) close(e.prediction[r], model.f(x.data.subarray(r * d, (r + 1) * d).map(Math.fround)), 'f(x)', seed);
    }
  });

  test(`${name}: linearity — φ(αf + βg) = αφ(f) + βφ(g)`, async () => {
    for (const seed of PROPERTY_SEEDS) {
      const { d, model, x, bg } = setup(seed);
      const g = randomModel(seededRandom(seed + 1), d);
      const [alpha, beta] = [1.7, -0.6];
      const ef = await explain(model.f, d, x, bg);
      const eg = await explain(g.f, d, x, bg);
      const efg = await explain((v) => alpha * model.f(v) + beta * g.f(v), d, x, bg);
      for (let i = 0; i < ef.values.length; i++) close(efg.values[i], alpha * ef.values[i] + beta * eg.values[i], `φ[${i}]`, seed);
    }
  });

  if (!allLaws) continue;

  test(`${name}: dummy — a feature the model ignores gets φ = 0`, async () => {
    let checked = 0;
    for (const seed of PROPERTY_SEEDS) {
      const { d, model, x, bg } = setup(seed);
      if (model.unused.length === 0) continue;
      const e = await explain(model.f, d, x, bg);
      for (const j of model.unused) for (let r = 0; r < x.rows; r++) close(e.values[r * d + j], 0, `φ of unused x${j}, row ${r}`, seed);
      checked++;
    }
    assert.ok(checked > 0, 'no generated model had an unused feature; widen PROPERTY_SEEDS');
  });

  test(`${name}: symmetry — interchangeable features get equal φ`, async () => {
    for (const seed of PROPERTY_SEEDS) {
      const rng = seededRandom(seed);
      const d = 3 + rng.nextInt(4);
      const h = randomModel(rng, d);
      // f is symmetric in x0 and x1; x and the background hold equal values in both columns.
      const f = (v: ArrayLike<number>): number => {
        const swapped = Array.from(v);
        [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
        return h.f(v) + h.f(swapped);
      };
      const x = randomMatrix(rng, 3, d), bg = randomMatrix(rng, 6, d);
      for (const m of [x, bg]) for (let r = 0; r < m.rows; r++) m.data[r * d + 1] = m.data[r * d];
      const e = await explain(f, d, x, bg);
      for (let r = 0; r < x.rows; r++) close(e.values[r * d], e.values[r * d + 1], `φ0 vs φ1, row ${r}`, seed);
    }
  });
}
