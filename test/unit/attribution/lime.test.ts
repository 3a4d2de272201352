/** LIME for tabular data: seeded determinism, signs on a known model, seed stability. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { limeTabular } from '../../../server/engine/attribution/limeTabular';
import { limeStability } from '../../../server/engine/attribution/limeStability';
import { jsEvaluator } from './helpers/jsPredictor';
import { randomMatrix, seededRandom } from './helpers/arbitraries';

const data = randomMatrix(seededRandom(4), 300, 4);
// x0 pushes up strongly, x1 down, x2 weakly up, x3 unused.
const f = (x: ArrayLike<number>): number => 3 * x[0] - 2 * x[1] + 0.3 * x[2];
const row = [1.5, 1.2, 0.9, 0];

test('LIME is deterministic for a seed', async () => {
  const a = await limeTabular(jsEvaluator(4, f), data, row, { seed: 9, samples: 1000 });
  const b = await limeTabular(jsEvaluator(4, f), data, row, { seed: 9, samples: 1000 });
  assert.deepEqual(Array.from(a.coefficients), Array.from(b.coefficients));
});

test('LIME coefficients follow the model: sign and order of influence, unused feature ≈ 0', async () => {
  const e = await limeTabular(jsEvaluator(4, f), data, row, { seed: 1 });
  const [c0, c1, c2, c3] = e.coefficients;
  assert.ok(c0 > 0 && c1 < 0 && c2 > 0, `signs ${Array.from(e.coefficients)}`);
  assert.ok(Math.abs(c0) > Math.abs(c1) && Math.abs(c1) > Math.abs(c2), `order ${Array.from(e.coefficients)}`);
  assert.ok(Math.abs(c3) < 0.1 * Math.abs(c2) + 0.05, `unused feature ${c3}`);
  assert.equal(e.modelPrediction, f(row.map(Math.fround)));
});

test('LIME stability: ranks agree across seeds on a clear model', async () => {
  const s = await limeStability(jsEvaluator(4, f), data, row, [1, 2, 3, 4]);
  assert.ok(s.rankAgreement > 0.7, `rank agreement ${s.rankAgreement}`);
  assert.equal(s.runs.length, 4);
  s.coefficientSd.forEach((sd, j) => assert.ok(sd < 0.2 * Math.abs(s.meanCoefficients[0]), `sd of ${j}: ${sd}`));
});
