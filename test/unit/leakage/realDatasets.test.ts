import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runLeakageChecks } from '../../../server/engine/leakage/runLeakageChecks';
import { fixtureContext, realSpec } from './helpers/fixtureContext';
import { atLeastWarning, summarise } from './helpers/summarise';

/**
 * Clean real data sets: no leak.* or goodhart.* finding at warning or above. One model per
 * data set, mixing model kinds (trees, boosted trees, linear, MLP; binary, multiclass,
 * regression).
 */
const CASES: readonly [string, string][] = [
  ['boston', 'xgb'],
  ['breast_cancer', 'rf'],
  ['diabetes', 'gbr'],
  ['iris', 'logreg'],
  ['pima', 'mlp'],
  ['wine', 'gbc'],
];

describe('clean real data sets', () => {
  for (const [dataset, model] of CASES) {
    it(`${dataset} (${model}): no leak.* or goodhart.* at warning or above`, async () => {
      const { ctx, dispose } = await fixtureContext(realSpec(dataset, model));
      try {
        const findings = await runLeakageChecks(ctx);
        const strong = atLeastWarning(findings).filter((f) => f.id.startsWith('leak.') || f.id.startsWith('goodhart.'));
        assert.deepEqual(strong, [], summarise(strong));
      } finally {
        await dispose();
      }
    });
  }
});
