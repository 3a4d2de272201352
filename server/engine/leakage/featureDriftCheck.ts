import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { numbersOf } from './internal/datasetColumns';
import { distributionShift } from './internal/distributionShift';
import { benjaminiHochbergQValues } from '../stats';
import { modelReliance } from './internal/modelReliance';
import { identifierEvidence } from './internal/identifierLike';

/**
 * drift.feature — train and test disagree on a feature's distribution, so test metrics
 * describe a different population than the one the model learned (Quiñonero-Candela et
 * al. 2009, "Dataset shift in machine learning"). Measured by PSI and KS; only features
 * the model relies on are raised above info, since drift in an unused column costs nothing.
 */

/** PSI > 0.25: "large shift" in credit-scoring practice. */
export const LARGE_PSI = 0.25;
/** PSI > 0.1: "moderate shift". */
export const MODERATE_PSI = 0.1;
/** KS q-value (BH over features) below which the shift is not sampling noise. */
export const MAX_Q_VALUE = 1e-3;
/** Reliance share from which drift in the feature can move predictions. */
export const RELIED_SHARE = 0.05;

export const featureDriftCheck: LeakageCheck = {
  id: 'drift.feature',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    if (ctx.train === ctx.test) return []; // one data file: nothing to compare
    // Identifiers and the time column shift by construction; leak.identifier / leak.temporal own them.
    const features = ctx.features.filter((f) => f !== ctx.time && !identifierEvidence(ctx, f));
    const shifts = features.map((feature) => {
      const a = numbersOf(ctx.train, feature);
      const b = numbersOf(ctx.test, feature);
      return { feature, shift: a && b ? distributionShift(a, b) : undefined };
    });
    const q = benjaminiHochbergQValues(shifts.map((s) => s.shift?.ksPValue ?? 1));
    const reliance = await modelReliance(ctx);
    const findings: Finding[] = [];
    shifts.forEach(({ feature, shift }, k) => {
      if (!shift || q[k] > MAX_Q_VALUE || shift.psi < MODERATE_PSI) return;
      const share = reliance?.share.get(feature);
      const relied = share === undefined || share >= RELIED_SHARE;
      const severity: Severity = shift.psi >= LARGE_PSI && relied ? 'warning' : 'info';
      findings.push({
        id: 'drift.feature',
        severity,
        feature,
        message:
          `'${feature}' is distributed differently in test than in train (PSI ${shift.psi.toFixed(3)}, KS ${shift.ks.toFixed(3)}, q ${q[k].toExponential(1)})` +
          (share === undefined ? '. ' : `; the model puts ${(share * 100).toFixed(1)}% of its reliance on it. `) +
          `Check the data pipeline and the split; retrain on data like the test set or monitor this feature.`,
        evidence: { psi: round(shift.psi), ks: round(shift.ks), ks_p_value: shift.ksPValue, q_value: q[k], psi_bins: shift.bins, reliance_share: share === undefined ? undefined : round(share) },
      });
    });
    return findings;
  },
};
