/**
 * Attribution benchmarks, reported as ratios measured in the same run (DESIGN.md: no bare
 * absolute time as pass/fail):
 * - KernelSHAP error against exact Shapley at an equal budget: our estimator
 *   (leverage-allocated paired sampling) / the shap-style kernel-weighted sampler.
 * - Engine overhead of permutation importance and exact Shapley: (total − model time) /
 *   model time, from evaluator.stats.modelMillis.
 * - Permutation importance wall time next to sklearn's on the same model and data
 *   (fixtures/benchmark/timings_python.json, measured on this kind of machine).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { BatchingEvaluator } from '../../server/engine/evaluator/batchingEvaluator';
import { featureMatrix, matrixRows } from '../../server/engine/evaluator/featureMatrix';
import { exactShapley } from '../../server/engine/attribution/exactShapley';
import { kernelShap } from '../../server/engine/attribution/kernelShap';
import { backgroundFromRows } from '../../server/engine/attribution/backgroundSample';
import { permutationImportance } from '../../server/engine/attribution/permutationImportance';
import { scorers } from '../../server/engine/attribution/scorers';
import { ortPredictor } from '../../test/unit/attribution/helpers/ortPredictor';
import { FIXTURES, manifest, modelPath, readCsv } from '../../test/unit/attribution/helpers/fixtures';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Seeds averaged per budget: KernelSHAP error is random, one seed would make the ratio noisy. */
const KERNEL_SEEDS = [1, 2, 3, 4, 5];
const KERNEL_ROWS = 20;

async function kernelErrorRatio(dataset: string, model: string, budgetFraction: number): Promise<BenchResult> {
  const man = manifest(dataset);
  const background = backgroundFromRows(readCsv(dataset, 'shap_background.csv', man.feature_columns).x);
  const explain = matrixRows(readCsv(dataset, 'test.csv', man.feature_columns).x, Array.from({ length: KERNEL_ROWS }, (_, i) => i));
  const predictor = await ortPredictor(modelPath(dataset, model), man.feature_columns.length);
  const evaluator = new BatchingEvaluator(predictor);
  const d = explain.cols;
  const exact = await exactShapley(evaluator, explain, background);
  const budget = Math.round(budgetFraction * 2 ** d);
  const rmse = async (sampler: 'leverage' | 'kernel'): Promise<number> => {
    let s = 0, n = 0;
    for (const seed of KERNEL_SEEDS) {
      const k = await kernelShap(evaluator, explain, background, { budget, seed, sampler });
      for (let i = 0; i < k.values.length; i++, n++) s += (k.values[i] - exact.values[i]) ** 2;
    }
    return Math.sqrt(s / n);
  };
  const ours = await rmse('leverage');
  const baseline = await rmse('kernel');
  await predictor.dispose?.();
  return {
    name: `kernelshap_rmse_ratio_${dataset}_${model}_budget${budget}`,
    value: ours / baseline,
    unit: 'ratio',
    note: `RMSE vs exact over ${KERNEL_ROWS} rows × ${KERNEL_SEEDS.length} seeds at ${budget}/${2 ** d} coalitions: ours ${ours.toExponential(3)}, shap-style ${baseline.toExponential(3)} (< 1 = ours better)`,
  };
}

async function permutationOverhead(): Promise<BenchResult[]> {
  const dir = join(FIXTURES, 'benchmark');
  const records = parse(readFileSync(join(dir, 'bench_10k.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const names = Object.keys(records[0]).filter((c) => c !== 'target');
  const data = new Float64Array(records.length * names.length);
  records.forEach((r, i) => names.forEach((f, j) => (data[i * names.length + j] = Number(r[f]))));
  const labels = Float64Array.from(records, (r) => Number(r.target));
  const x = featureMatrix(records.length, names, data);
  const predictor = await ortPredictor(join(dir, 'xgb_100x6.onnx'), names.length);
  const evaluator = new BatchingEvaluator(predictor);
  await evaluator.predict(x.data, x.rows); // warm-up, not counted
  const before = { ...evaluator.stats };
  const t0 = performance.now();
  await permutationImportance(evaluator, x, labels, { scorer: scorers.roc_auc, repeats: 5, seed: 0 });
  const total = performance.now() - t0;
  const model = evaluator.stats.modelMillis - before.modelMillis;
  await predictor.dispose?.();
  const python = JSON.parse(readFileSync(join(dir, 'timings_python.json'), 'utf8')) as { timings: Record<string, { median_s: number }> };
  const sklearn = python.timings['sklearn_permutation_importance_xgb_10k_20f_5rep_roc_auc_njobs1'].median_s * 1000;
  return [
    { name: 'permutation_importance_engine_overhead', value: (total - model) / model, unit: 'ratio', note: `(total − ORT) / ORT; total ${total.toFixed(0)} ms, ORT ${model.toFixed(0)} ms, 10k rows × 20 features × 5 repeats, xgb 100×6` },
    { name: 'permutation_importance_time_vs_sklearn', value: total / sklearn, unit: 'ratio', note: `ours ${total.toFixed(0)} ms vs sklearn ${sklearn.toFixed(0)} ms (timings_python.json, xgboost nthread 1; ORT intra-op 1 here)` },
  ];
}

async function exactShapleyOverhead(): Promise<BenchResult> {
  const man = manifest('pima');
  const background = backgroundFromRows(readCsv('pima', 'shap_background.csv', man.feature_columns).x);
  const explain = matrixRows(readCsv('pima', 'test.csv', man.feature_columns).x, Array.from({ length: 100 }, (_, i) => i));
  const predictor = await ortPredictor(modelPath('pima', 'xgb'), man.feature_columns.length);
  const evaluator = new BatchingEvaluator(predictor);
  const t0 = performance.now();
  await exactShapley(evaluator, explain, background);
  const total = performance.now() - t0;
  await predictor.dispose?.();
  const model = evaluator.stats.modelMillis;
  return { name: 'exact_shapley_engine_overhead', value: (total - model) / model, unit: 'ratio', note: `pima/xgb, 100 rows × 256 coalitions × 50 background rows; total ${total.toFixed(0)} ms, ORT ${model.toFixed(0)} ms` };
}

export async function benchAttribution(): Promise<Array<{ name: string; value: number; unit: string; note?: string }>> {
  const results: BenchResult[] = [];
  results.push(await kernelErrorRatio('pima', 'mlp', 0.4));
  results.push(await kernelErrorRatio('diabetes', 'mlp', 0.2));
  results.push(await kernelErrorRatio('diabetes', 'mlp', 0.5));
  results.push(...(await permutationOverhead()));
  results.push(await exactShapleyOverhead());
  return results;
}

if (require.main === module) {
  benchAttribution().then((r) => console.table(r), (e: unknown) => { console.error(e); process.exitCode = 1; });
}
