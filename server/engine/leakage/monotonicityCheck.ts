import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { directionCurves } from './internal/directionCurves';
import { minimumEffect } from './internal/effectScale';
import { DATA_SUPPORT_Z, HALF_AGREEMENT, WIDE_RANGE_DEPTH, WIDE_RANGE_SHARE } from './counterintuitiveCheck';

/**
 * goodhart.monotonicity — the model's shape curve breaks a declared monotone expectation
 * locally (a dip inside an otherwise rising curve). Wide or overall reversals are
 * goodhart.counterintuitive; this check reports the narrower violations, which a
 * monotone constraint (e.g. xgboost's monotone_constraints) removes at little cost.
 */

/** A dip smaller than this share of the curve's range is treated as a ripple. */
export const MIN_DIP_SHARE = 0.1;

export const monotonicityCheck: LeakageCheck = {
  id: 'goodhart.monotonicity',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    const curves = await directionCurves(ctx);
    const minEffect = minimumEffect(ctx);
    const out: Finding[] = [];
    for (const c of curves) {
      const d = c.drawdown;
      const coveredByCounterintuitive = c.net < 0 || (d.quantileSpan >= WIDE_RANGE_SHARE && d.size >= WIDE_RANGE_DEPTH * c.range);
      if (coveredByCounterintuitive || d.size < MIN_DIP_SHARE * c.range || d.size < minEffect / 4) continue;
      const stable = d.halves.every((h) => h >= HALF_AGREEMENT * d.size);
      // Warning only when the data dip there too: a systematic pattern (often a treatment
      // or policy effect), not a fitting wiggle.
      const support = c.dataAgainstZ.drawdown;
      const severity: Severity = stable && d.size >= minEffect && support >= DATA_SUPPORT_Z ? 'warning' : 'info';
      out.push({
        id: 'goodhart.monotonicity',
        severity,
        feature: c.feature,
        message:
          `'${c.feature}' is declared ${ctx.expect[c.feature]}, but the model's curve goes the other way by ${d.size.toPrecision(3)} between ` +
          `${round(d.from)} and ${round(d.to)} (${((d.size / c.range) * 100).toFixed(0)}% of its range). ` +
          (severity === 'warning'
            ? `The data dip there too (z ${support.toFixed(1)}): look for a treatment or policy at that range; constrain the model to be monotone in '${c.feature}' or revise the expectation in modeldiag.json.`
            : `The data do not clearly dip there (z ${support.toFixed(1)}), so it is likely overfitting: constrain the model to be monotone in '${c.feature}'.`),
        evidence: {
          expected: ctx.expect[c.feature],
          dip: round(d.size),
          dip_share_of_range: round(d.size / c.range),
          dip_in_background_halves: d.halves.map((h) => round(h)),
          data_against_expectation_z: round(support, 2),
          range: [round(d.from), round(d.to)],
          quantile_span: round(d.quantileSpan),
        },
      });
    }
    return out;
  },
};
