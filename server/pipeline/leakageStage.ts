import type { LeakageContext } from '../engine/leakage/leakageContext';
import { LEAKAGE_CHECKS, runLeakageChecks } from '../engine/leakage/runLeakageChecks';
import type { FindingId } from '../results/findingIds';
import { severityRank, type Finding } from '../results/finding';
import type { ModelContext } from './loadModelContext';
import { leakageSplit, type LeakageSplit } from './leakageSample';

/** Checks that compare train and test; skipped when the model has a single data file. */
const TWO_SPLIT_CHECKS: readonly FindingId[] = ['leak.duplicate-rows', 'leak.temporal', 'drift.feature'];
/**
 * Checks that read every row even on large data: a duplicate is one particular pair of rows
 * (a sample of each split would keep a fraction squared of them), an identifier shows by
 * filling its range densely (a sample thins it out), and fairness gaps are group metrics over
 * the predictions already made for every row.
 */
const ALL_ROW_CHECKS: readonly FindingId[] = ['leak.duplicate-rows', 'leak.identifier', 'fairness.gap'];

export interface LeakageStageResult {
  readonly findings: Finding[];
  /** Rows per split the sampled checks read (all rows when the split fits LEAKAGE_ROWS). */
  readonly rows: Readonly<Record<string, number>>;
}

/** Goodhart-style leakage, fairness and drift checks of one model (engine/leakage). */
export async function leakageStage(ctx: ModelContext, testPredictions: Float64Array | undefined, importance: ReadonlyMap<string, number> | undefined, seed: number): Promise<LeakageStageResult> {
  const test = ctx.test ?? ctx.train!;
  const train = ctx.train ?? ctx.test!;
  const width = ctx.evaluator.outputWidth;
  const whole = (s: typeof test, p?: Float64Array): LeakageSplit => ({ data: s.data, labels: s.labels, predictions: p });
  const full = leakageContext(ctx, whole(train), whole(test, testPredictions), importance, seed);
  // One data file: train and test are the same object, and stay so (the checks use its rows once).
  const testPart = leakageSplit(test, ctx.task, testPredictions, width, seed);
  const trainPart = train === test ? testPart : leakageSplit(train, ctx.task, undefined, width, seed);
  const sampled = testPart.sample || trainPart.sample ? leakageContext(ctx, trainPart, testPart, importance, seed) : full;
  const all = LEAKAGE_CHECKS.map((c) => c.id as FindingId);
  const ids = ctx.train && ctx.test ? all : all.filter((id) => !TWO_SPLIT_CHECKS.includes(id));
  const findings: Finding[] = [];
  // Check by check in the usual order, so that without sampling the findings are those of one run.
  for (const id of ids) findings.push(...(await runLeakageChecks(ALL_ROW_CHECKS.includes(id) ? full : sampled, [id])));
  const rows: Record<string, number> = { [test.name]: testPart.data.rowCount };
  if (train !== test) rows[train.name] = trainPart.data.rowCount;
  return { findings: findings.sort((a, b) => severityRank[b.severity] - severityRank[a.severity]), rows };
}

function leakageContext(ctx: ModelContext, train: LeakageSplit, test: LeakageSplit, importance: ReadonlyMap<string, number> | undefined, seed: number): LeakageContext {
  return {
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
    testPredictions: test.predictions,
    outputWidth: ctx.evaluator.outputWidth,
    importance,
    evaluate: (m) => ctx.evaluator.predict(m.data, m.rows),
    seed,
  };
}
