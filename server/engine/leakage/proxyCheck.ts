import { columnByName } from '../../loaders/data/dataset';
import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import { seedOf, type LeakageContext } from './leakageContext';
import { pooledNumbers } from './internal/datasetColumns';
import { singleFeaturePower } from './internal/singleFeaturePower';
import { crossFittedLogisticAuc } from './internal/crossFittedLogisticAuc';
import { classIndicator } from './internal/labelKind';
import { modelReliance } from './internal/modelReliance';
import { sensitiveClasses } from './internal/sensitiveClasses';

/**
 * leak.proxy — a model input that stands in for a sensitive attribute: dropping `race`
 * does not remove its influence when ZIP code predicts race (Barocas & Selbst 2016;
 * Datta et al. 2017, "Proxy non-discrimination in data-driven systems", who also weigh
 * association by the model's use of the feature). Per sensitive attribute we measure how
 * well each input predicts it (cross-fitted AUC), how well all inputs together do (a
 * cross-fitted logistic regression), and how much the model relies on each input.
 */

/** AUC ≥ 0.8: the feature alone recovers group membership for most pairs of people. */
export const STRONG_PROXY_AUC = 0.8;
/** AUC ≥ 0.9 and heavily used: error. */
export const NEAR_PERFECT_PROXY_AUC = 0.9;
/** AUC from which an association is worth listing (info). */
export const NOTABLE_PROXY_AUC = 0.65;
/** Reliance share from which the model visibly uses the proxy. */
export const USED_SHARE = 0.03;
export const HEAVILY_USED_SHARE = 0.25;
export const MIN_GROUP_ROWS = 30;

export const proxyCheck: LeakageCheck = {
  id: 'leak.proxy',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    const findings: Finding[] = [];
    const reliance = ctx.sensitive.length ? await modelReliance(ctx) : undefined;
    for (const attribute of ctx.sensitive) {
      const raw = pooledNumbers(ctx.train, ctx.test, attribute);
      if (!raw) continue;
      const col = columnByName(ctx.train, attribute);
      const { labels, groups } = sensitiveClasses(raw, col?.kind === 'categorical' ? col.dictionary : undefined);
      const classCount = groups.length;
      if (classCount < 2) continue;
      const inputs = ctx.features.filter((f) => f !== attribute && f !== ctx.target);
      const columns: Float64Array[] = [];
      const perFeature: { feature: string; auc: number; power: number; minority: number }[] = [];
      for (const feature of inputs) {
        const values = pooledNumbers(ctx.train, ctx.test, feature);
        if (!values) continue;
        columns.push(values);
        const p = singleFeaturePower(values, labels, { kind: 'classes', classCount }, seedOf(ctx) + 11);
        perFeature.push({ feature, auc: p.auc ?? 0.5, power: p.power, minority: p.minorityRows ?? 0 });
      }
      const combinedAuc = combinedProxyAuc(columns, labels, classCount, seedOf(ctx) + 13);
      perFeature.sort((a, b) => b.auc - a.auc);
      for (const { feature, auc, power, minority } of perFeature) {
        if (auc < NOTABLE_PROXY_AUC) continue;
        const share = reliance?.share.get(feature);
        const severity = proxySeverity(auc, share, minority);
        const used =
          share === undefined ? 'Model reliance is unknown.' : `The model puts ${(share * 100).toFixed(1)}% of its reliance on it (rank ${reliance?.rank.get(feature)}).`;
        findings.push({
          id: 'leak.proxy',
          severity,
          feature,
          features: [feature, attribute],
          message:
            `'${feature}' predicts the sensitive attribute '${attribute}' with cross-fitted AUC ${auc.toFixed(3)}. ${used} ` +
            `Dropping '${attribute}' does not remove its influence: review '${feature}', measure fairness with and without it, or export a model invariant to it.`,
          evidence: {
            sensitive: attribute,
            auc: round(auc),
            proxy_power: round(power),
            reliance_share: share === undefined ? undefined : round(share),
            proxy_score: share === undefined ? undefined : round(power * share),
            all_features_auc: round(combinedAuc),
            smallest_group_rows: minority,
            sensitive_is_input: ctx.features.includes(attribute),
          },
        });
      }
      if (combinedAuc >= NOTABLE_PROXY_AUC && (perFeature[0]?.auc ?? 0.5) < NOTABLE_PROXY_AUC) {
        findings.push({
          id: 'leak.proxy',
          severity: 'info',
          features: [...inputs, attribute],
          message:
            `No single input is a strong proxy for '${attribute}', but all inputs together predict it with cross-fitted AUC ${combinedAuc.toFixed(3)}. ` +
            `Measure fairness per group of '${attribute}' before relying on "it is not an input".`,
          evidence: { sensitive: attribute, all_features_auc: round(combinedAuc), best_single_auc: round(perFeature[0]?.auc ?? 0.5) },
        });
      }
    }
    return findings;
  },
};

function proxySeverity(auc: number, share: number | undefined, minority: number): Severity {
  if (minority < MIN_GROUP_ROWS) return 'info';
  if (share === undefined) return auc >= NEAR_PERFECT_PROXY_AUC ? 'warning' : 'info';
  if (auc >= NEAR_PERFECT_PROXY_AUC && share >= HEAVILY_USED_SHARE) return 'error';
  if (auc >= STRONG_PROXY_AUC && share >= USED_SHARE) return 'warning';
  return 'info';
}

/** Binary: one logistic regression; more groups: macro one-vs-rest. */
function combinedProxyAuc(columns: Float64Array[], labels: Float64Array, classCount: number, seed: number): number {
  if (columns.length === 0) return 0.5;
  const classes = classCount === 2 ? [1] : Array.from({ length: classCount }, (_, c) => c);
  let sum = 0;
  for (const c of classes) sum += crossFittedLogisticAuc(columns, classIndicator(labels, c), seed).auc;
  return sum / classes.length;
}
