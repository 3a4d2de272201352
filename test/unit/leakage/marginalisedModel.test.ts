import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { empiricalMarginal, marginalisedModel } from '../../../server/engine/leakage/remedies/marginalisedModel';
import { runLeakageChecks } from '../../../server/engine/leakage/runLeakageChecks';
import { featureMatrix } from '../../../server/engine/evaluator/featureMatrix';
import { normal, sigmoid, syntheticContext } from './helpers/syntheticContext';
import { numbersOf } from '../../../server/engine/leakage/internal/datasetColumns';

describe('marginalised (invariant) model', () => {
  const world = {
    n: 3000,
    features: ['score', 'gender'],
    target: 'hired',
    sensitive: ['gender'],
    columns: (r: () => number, n: number) => {
      const s = Array.from({ length: n }, () => normal(r));
      const g = Array.from({ length: n }, () => (r() < 0.4 ? 1 : 0));
      return { score: s, gender: g, hired: s.map((v, i) => (r() < sigmoid(v + 1.2 * g[i]) ? 1 : 0)) };
    },
    model: (x: Float64Array) => sigmoid(x[0] + 1.2 * x[1]),
  };

  it('predictions no longer depend on the marginalised input', async () => {
    const ctx = syntheticContext(world);
    const invariant = marginalisedModel(ctx.evaluate!, 1, empiricalMarginal(numbersOf(ctx.train, 'gender')!));
    const m = featureMatrix(2, ['score', 'gender'], Float64Array.of(0.3, 0, 0.3, 1));
    const y = await invariant(m);
    assert.equal(y[0], y[1]);
  });

  it('removes the counterfactual-flip fairness warning', async () => {
    const ctx = syntheticContext(world);
    const before = await runLeakageChecks(ctx, ['fairness.gap']);
    assert.ok(before.some((f) => f.severity === 'warning' && f.feature === 'gender'));
    const evaluate = marginalisedModel(ctx.evaluate!, 1, empiricalMarginal(numbersOf(ctx.train, 'gender')!));
    const after = await runLeakageChecks({ ...ctx, evaluate }, ['fairness.gap']);
    assert.ok(!after.some((f) => f.feature === 'gender'), JSON.stringify(after));
  });

  it('BAD CALL: an empty marginal is a RangeError', () => {
    assert.throws(() => marginalisedModel(async () => new Float64Array(0), 0, []), RangeError);
  });
});
