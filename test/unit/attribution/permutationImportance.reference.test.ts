/**
 * Permutation importance against sklearn.inspection.permutation_importance on the same
 * test set and scorer (n_repeats = 10). Permutations come from different generators, so the
 * comparison is statistical: each feature's mean must lie within the combined spread of
 * both sets of repeats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { permutationImportance } from '../../../server/engine/attribution/permutationImportance';
import { scorers, type ScorerName } from '../../../server/engine/attribution/scorers';
import { BatchingEvaluator } from '../../../server/engine/evaluator/batchingEvaluator';
import { manifest, modelPath, readCsv, readJson } from './helpers/fixtures';
import { ortPredictor } from './helpers/ortPredictor';
import { modelsWithReference } from './helpers/referenceModels';

interface PermutationReference {
  readonly params: { readonly n_repeats: number };
  readonly results: Record<string, { importances_mean: Record<string, number>; importances_std: Record<string, number> }>;
}

const SKLEARN_SCORERS: Record<string, ScorerName> = {
  accuracy: 'accuracy',
  roc_auc: 'roc_auc',
  neg_log_loss: 'log_loss',
  r2: 'r2',
  neg_mean_squared_error: 'mse',
};

/**
 * Difference of two means of R repeats: 4 standard errors of the difference (a false alarm
 * about once in 15,000 per feature), plus a floor for features whose repeats barely vary in
 * either run (float32 vs float64 model outputs can flip a tie).
 */
const SPREAD_MULTIPLIER = 4;
const ABSOLUTE_FLOOR = 2e-3;

for (const [dataset, model] of modelsWithReference('permutation_importance.json')) {
  test(`permutation importance within sklearn's spread: ${dataset}/${model}`, async () => {
    const man = manifest(dataset);
    const ref = readJson<PermutationReference>(dataset, `${model}.permutation_importance.json`);
    const { x, extra: labels } = readCsv(dataset, 'test.csv', man.feature_columns, man.label_column);
    const predictor = await ortPredictor(modelPath(dataset, model), man.feature_columns.length);
    const evaluator = new BatchingEvaluator(predictor);
    const R = ref.params.n_repeats;
    let worst = 0;
    for (const [sk, result] of Object.entries(ref.results)) {
      const ours = await permutationImportance(evaluator, x, labels, { scorer: scorers[SKLEARN_SCORERS[sk]], repeats: R, seed: 0 });
      const scale = Math.max(...Object.values(result.importances_mean).map(Math.abs));
      for (const f of ours.features) {
        const refMean = result.importances_mean[f.feature];
        const refSd = result.importances_std[f.feature];
        const allowed = SPREAD_MULTIPLIER * Math.sqrt((f.sd ** 2 + refSd ** 2) / R) + ABSOLUTE_FLOOR * Math.max(1, scale);
        const diff = Math.abs(f.mean - refMean);
        worst = Math.max(worst, diff / allowed);
        assert.ok(diff <= allowed, `${sk} ${f.feature}: ours ${f.mean} ± ${f.sd}, sklearn ${refMean} ± ${refSd} (allowed ${allowed})`);
      }
    }
    console.log(`# ${dataset}/${model}: worst |Δmean| / allowed = ${worst.toFixed(2)}`);
    await predictor.dispose?.();
  });
}
