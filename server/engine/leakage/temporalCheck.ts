import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import { classCountOf, seedOf, type LeakageContext } from './leakageContext';
import { pooledLabels, numbersOf, pooledNumbers } from './internal/datasetColumns';
import { modelReliance } from './internal/modelReliance';
import { singleFeaturePower, type FeaturePower } from './internal/singleFeaturePower';
import { spearman } from './internal/sortedStats';

/**
 * leak.temporal — with a time column configured: test rows older than train rows mean the
 * model was trained on the future of what it is tested on. That only inflates metrics when
 * the outcome drifts with time, so we also test the label's dependence on time (cross-
 * fitted), and look for inputs that encode time and are used by the model — they let it
 * read the drift off a proxy (Kaufman et al. 2012; Roberts et al. 2017 on temporal
 * cross-validation).
 */

/** Share of test rows older than the newest train row from which the split is "not temporal". */
export const OVERLAP_SHARE = 0.05;
/** The label depends on time: binary AUC z, or cross-fitted power on enough rows. */
export const DRIFT_Z = 4;
export const DRIFT_POWER = 0.05;
export const DRIFT_MIN_ROWS = 500;
/** |Spearman ρ| with time from which an input effectively encodes time. */
export const ENCODES_TIME_RHO = 0.8;
/** Reliance share from which the model uses such an input. */
export const RELIED_SHARE = 0.05;

export const temporalCheck: LeakageCheck = {
  id: 'leak.temporal',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    if (!ctx.time || ctx.train === ctx.test) return []; // needs two splits
    const trainT = numbersOf(ctx.train, ctx.time);
    const testT = numbersOf(ctx.test, ctx.time);
    const pooled = pooledNumbers(ctx.train, ctx.test, ctx.time);
    if (!trainT || !testT || !pooled) return [];
    const newestTrain = max(trainT);
    const oldestTest = min(testT);
    let older = 0;
    let present = 0;
    for (const t of testT) {
      if (Number.isNaN(t)) continue;
      present++;
      if (t < newestTrain) older++;
    }
    const overlap = present ? older / present : 0;
    const labels = pooledLabels(ctx);
    const kind = ctx.task === 'regression' ? ({ kind: 'values' } as const) : ({ kind: 'classes', classCount: classCountOf(ctx) } as const);
    const drift = singleFeaturePower(pooled, labels, kind, seedOf(ctx) + 23);
    const labelDrifts = drifts(drift);
    const findings: Finding[] = [];
    if (overlap >= OVERLAP_SHARE) {
      const severity: Severity = labelDrifts ? 'warning' : 'info';
      findings.push({
        id: 'leak.temporal',
        severity,
        feature: ctx.time,
        message:
          `${(overlap * 100).toFixed(1)}% of test rows are older than the newest train row ('${ctx.time}'), so the model is tested on the past of what it learned. ` +
          (labelDrifts
            ? `'${ctx.target}' changes with time (cross-fitted power ${drift.power.toFixed(3)}), so test metrics are optimistic: split by time (train strictly before test).`
            : `'${ctx.target}' shows no clear drift in time, so the effect is probably small; still, split by time to measure what deployment will see.`),
        evidence: { test_rows_older_than_newest_train: older, overlap_share: round(overlap), newest_train: newestTrain, oldest_test: oldestTest, label_time_power: round(drift.power), label_time_auc: drift.auc === undefined ? undefined : round(drift.auc) },
      });
    }
    findings.push(...(await timeEncodingInputs(ctx, pooled, labelDrifts)));
    return findings;
  },
};

function drifts(p: FeaturePower): boolean {
  if (p.auc !== undefined && p.aucStandardError !== undefined && p.aucStandardError > 0) return (p.auc - 0.5) / p.aucStandardError >= DRIFT_Z;
  return p.power >= DRIFT_POWER && p.rows >= DRIFT_MIN_ROWS;
}

async function timeEncodingInputs(ctx: LeakageContext, time: Float64Array, labelDrifts: boolean): Promise<Finding[]> {
  const reliance = await modelReliance(ctx);
  const out: Finding[] = [];
  for (const feature of ctx.features) {
    if (feature === ctx.time) continue;
    const x = pooledNumbers(ctx.train, ctx.test, feature);
    if (!x) continue;
    const rho = spearman(x, time);
    if (Math.abs(rho) < ENCODES_TIME_RHO) continue;
    const share = reliance?.share.get(feature);
    const severity: Severity = labelDrifts && share !== undefined && share >= RELIED_SHARE ? 'warning' : 'info';
    out.push({
      id: 'leak.temporal',
      severity,
      feature,
      message:
        `'${feature}' tracks '${ctx.time}' (Spearman ρ ${rho.toFixed(2)})` +
        (share === undefined ? '' : ` and carries ${(share * 100).toFixed(1)}% of the model's reliance`) +
        `. ${labelDrifts ? `Since '${ctx.target}' drifts in time, the model can read the drift off it. ` : ''}Drop it or replace it with a time-invariant version, and split by time.`,
      evidence: { spearman_with_time: round(rho), reliance_share: share === undefined ? undefined : round(share), label_drifts: labelDrifts },
    });
  }
  return out;
}

function max(v: Float64Array): number {
  let m = -Infinity;
  for (const x of v) if (x > m) m = x;
  return m;
}

function min(v: Float64Array): number {
  let m = Infinity;
  for (const x of v) if (x < m) m = x;
  return m;
}
