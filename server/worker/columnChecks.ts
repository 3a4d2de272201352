import { columnByName } from '../loaders/data/dataset';
import { identifierCheck } from '../engine/leakage/identifierCheck';
import type { LeakageContext } from '../engine/leakage/leakageContext';
import { proxyCheck } from '../engine/leakage/proxyCheck';
import { targetLeakCheck } from '../engine/leakage/targetLeakCheck';
import type { ModelContext } from '../pipeline/loadModelContext';
import type { ResolvedModel } from '../discovery/resolvedModel';
import type { Finding } from '../results/finding';

/**
 * The data-only checks of a column that is not a model input yet, as if the user added it
 * to the features: leak.target against the label (the model's inputs are the runner-up
 * field), leak.identifier from the data alone (no reliance is known) and leak.proxy for
 * each declared sensitive attribute. No model call: only the loaded data and labels.
 * Findings the config ignores are dropped.
 */
export async function columnChecks(ctx: ModelContext, resolved: ResolvedModel, column: string): Promise<Finding[]> {
  const train = ctx.train ?? ctx.test;
  const test = ctx.test ?? ctx.train;
  if (!train || !test || !columnByName(train.data, column) || !columnByName(test.data, column) || column === ctx.target) return [];
  const base: LeakageContext = {
    train: train.data,
    test: test.data,
    features: [...ctx.features.filter((f) => f !== column && columnByName(train.data, f)), column],
    target: ctx.target,
    task: ctx.task,
    trainLabels: train.labels,
    testLabels: test.labels,
    sensitive: resolved.sensitive.filter((s) => s !== column && columnByName(train.data, s)),
    expect: {},
    seed: 0,
  };
  const labelled = train.labels.some((v) => !Number.isNaN(v));
  const findings: Finding[] = [];
  if (labelled) findings.push(...(await targetLeakCheck.run(base)));
  findings.push(...(await identifierCheck.run({ ...base, features: [column] })));
  if (base.sensitive.length && !resolved.sensitive.includes(column)) findings.push(...(await proxyCheck.run({ ...base, features: [column] })));
  const ignored = (f: Finding): boolean => resolved.ignore.some((r) => r.id === f.id && (r.feature === undefined || r.feature === column));
  return findings.filter((f) => (f.feature === column || (f.features?.includes(column) ?? false)) && !ignored(f));
}
