/**
 * ALE against its definition (Apley & Zhu 2020) by brute force, categorical ALE and level
 * ordering, ICE/PD consistency and Friedman's H on models with known interaction structure.
 * No ALE library is packaged, so the oracle is written out here from the paper.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accumulatedLocalEffects } from '../../../server/engine/attribution/accumulatedLocalEffects';
import { accumulatedLocalEffectsCategorical } from '../../../server/engine/attribution/accumulatedLocalEffectsCategorical';
import { categoryOrderBySimilarity } from '../../../server/engine/attribution/categoryOrderBySimilarity';
import { interactionStrength } from '../../../server/engine/attribution/interactionStrength';
import { partialDependence } from '../../../server/engine/attribution/partialDependence';
import { featureMatrix } from '../../../server/engine/evaluator/featureMatrix';
import { jsEvaluator } from './helpers/jsPredictor';
import { PROPERTY_SEEDS, randomMatrix, randomModel, seededRandom } from './helpers/arbitraries';

/** float64 sums of ≤ 200 differences of O(10) values. */
const CURVE_TOLERANCE = 1e-9;

/** The paper's estimator written plainly: quantile edges, interval means of f(z_k) − f(z_{k−1}), accumulate, centre. */
function aleByDefinition(f: (x: number[]) => number, rows: number[][], j: number, K: number): { edges: number[]; values: number[] } {
  const sorted = rows.map((r) => r[j]).sort((a, b) => a - b);
  const q = (p: number): number => {
    const h = (sorted.length - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  };
  const edges = [...new Set(Array.from({ length: K + 1 }, (_, k) => q(k / K)))].sort((a, b) => a - b);
  const g = [0];
  const counts = [0];
  for (let k = 1; k < edges.length; k++) {
    const inside = rows.filter((r) => (k === 1 ? r[j] >= edges[0] : r[j] > edges[k - 1]) && r[j] <= edges[k]);
    const at = (r: number[], v: number): number => f(r.map((x, i) => (i === j ? Math.fround(v) : x)));
    const mean = inside.length ? inside.reduce((s, r) => s + at(r, edges[k]) - at(r, edges[k - 1]), 0) / inside.length : 0;
    g.push(g[k - 1] + mean);
    counts.push(inside.length);
  }
  let centre = 0;
  for (let k = 1; k < edges.length; k++) centre += (counts[k] * (g[k - 1] + g[k])) / 2 / rows.length;
  return { edges, values: g.map((v) => v - centre) };
}

test('ALE equals its definition (brute force) on random non-additive models', async () => {
  for (const seed of PROPERTY_SEEDS) {
    const rng = seededRandom(seed);
    const d = 3 + rng.nextInt(3);
    const model = randomModel(rng, d);
    const data = randomMatrix(rng, 60, d);
    const rows = Array.from({ length: data.rows }, (_, i) => Array.from(data.data.subarray(i * d, (i + 1) * d)));
    const j = rng.nextInt(d);
    const [curve] = await accumulatedLocalEffects(jsEvaluator(d, (x) => model.f(x)), data, j, { intervals: 10 });
    const oracle = aleByDefinition((x) => model.f(x), rows, j, 10);
    assert.deepEqual(curve.grid, oracle.edges, `edges (seed ${seed})`);
    curve.values.forEach((v, k) => assert.ok(Math.abs(v - oracle.values[k]) <= CURVE_TOLERANCE, `ALE[${k}] ${v} vs ${oracle.values[k]} (seed ${seed})`));
  }
});

test('ALE of an additive model recovers the main effect up to a constant', async () => {
  const rng = seededRandom(5);
  const data = randomMatrix(rng, 200, 3);
  const [curve] = await accumulatedLocalEffects(jsEvaluator(3, (x) => x[0] ** 3 + 2 * x[1] - x[2]), data, 0, { intervals: 8 });
  const grid = curve.grid as number[];
  for (let k = 1; k < grid.length; k++) {
    const expected = Math.fround(grid[k]) ** 3 - Math.fround(grid[k - 1]) ** 3;
    assert.ok(Math.abs(curve.values[k] - curve.values[k - 1] - expected) < 1e-9, `step ${k}`);
  }
});

test('categorical ALE equals the two-sided level-step definition (order by code)', async () => {
  const rng = seededRandom(11);
  const n = 90;
  const data = featureMatrix(n, ['c', 'x'], Float64Array.from({ length: 2 * n }, (_, t) => (t % 2 === 0 ? rng.nextInt(4) : Math.fround(rng.nextNormal()))));
  const f = (x: ArrayLike<number>): number => [0, 3, 1, 5][x[0]] + x[0] * x[1];
  const [curve] = await accumulatedLocalEffectsCategorical(jsEvaluator(2, f), data, 0, { order: 'code' });
  const rows = Array.from({ length: n }, (_, i) => [data.data[2 * i], data.data[2 * i + 1]]);
  const count = [0, 1, 2, 3].map((c) => rows.filter((r) => r[0] === c).length);
  const g = [0];
  for (let k = 1; k < 4; k++) {
    const involved = rows.filter((r) => r[0] === k || r[0] === k - 1);
    g.push(g[k - 1] + involved.reduce((s, r) => s + f([k, r[1]]) - f([k - 1, r[1]]), 0) / involved.length);
  }
  const centre = g.reduce((s, v, k) => s + v * count[k], 0) / n;
  assert.deepEqual(curve.grid, [0, 1, 2, 3]);
  curve.values.forEach((v, k) => assert.ok(Math.abs(v - (g[k] - centre)) < CURVE_TOLERANCE, `level ${k}`));
});

test('categorical levels are ordered so that similar levels are adjacent', () => {
  const rng = seededRandom(3);
  const centres = [0, 5, 5.2, 0.2]; // levels 0 and 3 alike, 1 and 2 alike
  const n = 400;
  const data = featureMatrix(n, ['c', 'x'], new Float64Array(2 * n));
  for (let i = 0; i < n; i++) {
    const c = i % 4;
    data.data[2 * i] = c;
    data.data[2 * i + 1] = centres[c] + 0.3 * rng.nextNormal();
  }
  const order = categoryOrderBySimilarity(data, 0);
  const pos = (c: number): number => order.indexOf(c);
  assert.equal(Math.abs(pos(0) - pos(3)), 1, `order ${order}`);
  assert.equal(Math.abs(pos(1) - pos(2)), 1, `order ${order}`);
});

test('PD is the mean of the ICE curves', async () => {
  const rng = seededRandom(8);
  const data = randomMatrix(rng, 30, 3);
  const [curve] = await partialDependence(jsEvaluator(3, (x) => x[0] * x[1] + Math.sin(x[2])), data, 0, { gridResolution: 7, ice: true });
  const ice = curve.ice as number[][];
  curve.values.forEach((v, g) => assert.ok(Math.abs(v - ice.reduce((s, c) => s + c[g], 0) / ice.length) < 1e-12));
});

test("Friedman's H is 0 for an additive model and large for a pure product", async () => {
  const rng = seededRandom(21);
  const data = randomMatrix(rng, 40, 3);
  const additive = await interactionStrength(jsEvaluator(3, (x) => x[0] ** 2 + Math.sin(x[1]) + x[2]), data);
  additive.forEach((p) => assert.ok(p.h2 < 1e-12, `${p.features}: H² ${p.h2}`));
  const product = await interactionStrength(jsEvaluator(3, (x) => x[0] * x[1] + 0.01 * x[2]), data, { pairs: [[0, 1], [0, 2]] });
  // Independent centred-ish features: x0·x1 is almost all interaction.
  assert.ok(product[0].h2 > 0.8, `x0·x1: H² ${product[0].h2}`);
  assert.ok(product[1].h2 < 0.05, `x0,x2: H² ${product[1].h2}`);
});
