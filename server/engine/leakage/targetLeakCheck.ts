import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import { classCountOf, seedOf, type LeakageContext } from './leakageContext';
import { pooledNumbers, pooledLabels } from './internal/datasetColumns';
import { singleFeaturePower, type FeaturePower } from './internal/singleFeaturePower';
import type { LabelKind } from './internal/labelKind';
import { modelReliance } from './internal/modelReliance';

/**
 * leak.target — a model input that predicts the label (almost) by itself, typically a
 * field recorded after the outcome (Kaufman et al. 2012, "Leakage in data mining").
 * Power is cross-fitted (singleFeaturePower.ts) so memorising columns get no credit.
 *
 * A near-perfect feature alone is not proof: some tasks are easy (iris petals, breast
 * cancer's worst_* columns are each near-perfect). Leakage shows as one feature far ahead
 * of all others, so severity needs both strength and dominance over the runner-up.
 */

/** Gini ≥ 0.9 ⇔ AUC ≥ 0.95 (or OOF R² ≥ 0.9): the feature alone nearly determines the label. */
export const NEAR_PERFECT_POWER = 0.9;
/** A near-perfect feature this many times stronger than the runner-up stands alone: error. */
export const DOMINANCE_RATIO_NEAR_PERFECT = 1.5;
/** "Out of proportion": strong (Gini ≥ 0.6 ⇔ AUC ≥ 0.8) and at least twice the runner-up. */
export const STRONG_POWER = 0.6;
export const DOMINANCE_RATIO_STRONG = 2;
/**
 * A strong feature that carries most of the model's reliance and clearly leads the
 * runner-up is a leak even when a decent second feature keeps the ratio below 2 (a noisier
 * post-outcome field, e.g. 10% flips). Iris petals (equal runner-up) stay below the ratio.
 */
export const DOMINANT_RELIANCE_SHARE = 0.5;
export const DOMINANCE_RATIO_RELIED = 1.5;
/** Fewer labelled rows (or minority-class rows) than this: evidence too thin for more than info. */
export const MIN_ROWS = 100;
export const MIN_MINORITY_ROWS = 30;

export const targetLeakCheck: LeakageCheck = {
  id: 'leak.target',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    const labels = pooledLabels(ctx);
    const kind: LabelKind = ctx.task === 'regression' ? { kind: 'values' } : { kind: 'classes', classCount: classCountOf(ctx) };
    const powers: { feature: string; p: FeaturePower }[] = [];
    for (const feature of ctx.features) {
      if (feature === ctx.target) continue;
      const values = pooledNumbers(ctx.train, ctx.test, feature);
      if (!values) continue;
      powers.push({ feature, p: singleFeaturePower(values, labels, kind, seedOf(ctx)) });
    }
    powers.sort((a, b) => b.p.power - a.p.power);
    const reliance = powers.some((x) => x.p.power >= STRONG_POWER) ? await modelReliance(ctx) : undefined;
    const findings: Finding[] = [];
    const direct = ctx.features.includes(ctx.target);
    if (direct) {
      findings.push({
        id: 'leak.target',
        severity: 'error',
        feature: ctx.target,
        message: `The label '${ctx.target}' is itself a model input. Remove it from the features.`,
        evidence: { reason: 'label_is_input' },
      });
    }
    for (let i = 0; i < powers.length; i++) {
      const { feature, p } = powers[i];
      const others = powers.filter((_, k) => k !== i);
      const runnerUp = others.length ? others[0].p.power : 0;
      const ratio = p.power / Math.max(runnerUp, 0.01);
      const share = reliance?.share.get(feature);
      const severity = severityFor(p, ratio, share);
      if (!severity) continue;
      findings.push({
        id: 'leak.target',
        severity,
        feature,
        message: messageFor(ctx, feature, p, ratio, severity),
        evidence: {
          power: round(p.power),
          auc: p.auc === undefined ? undefined : round(p.auc),
          r2: p.r2 === undefined ? undefined : round(p.r2),
          runner_up_power: round(runnerUp),
          runner_up_feature: others[0]?.feature,
          ratio_to_runner_up: round(ratio, 2),
          reliance_share: share === undefined ? undefined : round(share),
          rows: p.rows,
          minority_rows: p.minorityRows,
          method: 'out-of-fold binned target encoding, 5 folds',
        },
      });
    }
    return findings;
  },
};

function enoughRows(p: FeaturePower): boolean {
  return p.rows >= MIN_ROWS && (p.minorityRows === undefined || p.minorityRows >= MIN_MINORITY_ROWS);
}

function severityFor(p: FeaturePower, ratio: number, share: number | undefined): Severity | undefined {
  const nearPerfect = p.power >= NEAR_PERFECT_POWER;
  const strong = p.power >= STRONG_POWER;
  if (nearPerfect && ratio >= DOMINANCE_RATIO_NEAR_PERFECT) return enoughRows(p) ? 'error' : 'info';
  if (strong && ratio >= DOMINANCE_RATIO_STRONG) return enoughRows(p) ? 'warning' : 'info';
  if (strong && ratio >= DOMINANCE_RATIO_RELIED && (share ?? 0) >= DOMINANT_RELIANCE_SHARE) return enoughRows(p) ? 'warning' : 'info';
  if (nearPerfect) return 'info';
  return undefined;
}

function messageFor(ctx: LeakageContext, feature: string, p: FeaturePower, ratio: number, severity: Severity): string {
  const score = p.auc !== undefined ? `AUC ${p.auc.toFixed(3)}` : `R² ${(p.r2 ?? 0).toFixed(3)}`;
  if (severity === 'info' && ratio < DOMINANCE_RATIO_NEAR_PERFECT) {
    return `'${feature}' alone predicts '${ctx.target}' almost perfectly (cross-fitted ${score}), but other features are nearly as strong, so this looks like an easy task rather than leakage. Confirm '${feature}' is known before the outcome.`;
  }
  return (
    `'${feature}' alone predicts '${ctx.target}' with cross-fitted ${score}, ${ratio.toFixed(1)}× the next-best feature. ` +
    `Check whether it is recorded after the outcome; drop it or rebuild it from data available at prediction time.`
  );
}
