import type { LeakageContext } from '../engine/leakage/leakageContext';
import { LEAKAGE_CHECKS, runLeakageChecks } from '../engine/leakage/runLeakageChecks';
import type { FindingId } from '../results/findingIds';
import type { Finding } from '../results/finding';
import type { ModelContext } from './loadModelContext';

/** Checks that compare train and test; skipped when the model has a single data file. */
const TWO_SPLIT_CHECKS: readonly FindingId[] = ['leak.duplicate-rows', 'leak.temporal', 'drift.feature'];

/** Goodhart-style leakage, fairness and drift checks of one model (engine/leakage). */
export async function leakageStage(ctx: ModelContext, testPredictions: Float64Array | undefined, importance: ReadonlyMap<string, number> | undefined, seed: number): Promise<Finding[]> {
  const test = ctx.test ?? ctx.train!;
  const train = ctx.train ?? ctx.test!;
  const leakage: LeakageContext = {
    train: train.data,
    test: test.data,
    features: ctx.features,
    target: ctx.target,
    task: ctx.task,
    trainLabels: train.labels,
    testLabels: test.labels,
    sensitive: ctx.resolved.sensitive,
    time: ctx.resolved.time,
    expect: ctx.resolved.expect,
    testPredictions,
    outputWidth: ctx.evaluator.outputWidth,
    importance,
    evaluate: (m) => ctx.evaluator.predict(m.data, m.rows),
    seed,
  };
  const all = LEAKAGE_CHECKS.map((c) => c.id as FindingId);
  const only = ctx.train && ctx.test ? undefined : all.filter((id) => !TWO_SPLIT_CHECKS.includes(id));
  return runLeakageChecks(leakage, only);
}
