import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { directionCurves, type DirectionCurve } from './internal/directionCurves';
import { minimumEffect } from './internal/effectScale';

/**
 * goodhart.counterintuitive — the model's effect of a feature runs against its declared
 * direction, overall or over a wide range of values: a risk factor that looks protective.
 * The classic case is asthma lowering predicted pneumonia mortality because asthmatics were
 * sent straight to intensive care (Caruana et al. 2015). The data usually show the same
 * pattern — that is the point: the model faithfully learned a confounded association.
 */

/** A localised reversal must cover at least this share of the data (quantile span)... */
export const WIDE_RANGE_SHARE = 0.2;
/** ...and undo at least this share of the curve's range. */
export const WIDE_RANGE_DEPTH = 0.3;
/** Each background half must show at least this share of the effect (stability). */
export const HALF_AGREEMENT = 0.5;
/**
 * The data must show the reversal too (one-sided z ≥ 3, p ≈ 0.001) for a warning; a
 * reversal the data do not show is a fitting wiggle (info), fixed by a monotone constraint.
 */
export const DATA_SUPPORT_Z = 3;

export const counterintuitiveCheck: LeakageCheck = {
  id: 'goodhart.counterintuitive',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    const curves = await directionCurves(ctx);
    const minEffect = minimumEffect(ctx);
    const out: Finding[] = [];
    for (const c of curves) {
      const f = assess(ctx, c, minEffect);
      if (f) out.push(f);
    }
    return out;
  },
};

function assess(ctx: LeakageContext, c: DirectionCurve, minEffect: number): Finding | undefined {
  const expected = c.direction > 0 ? 'increase' : 'decrease';
  const reversed = c.net < 0;
  const wide = c.drawdown.quantileSpan >= WIDE_RANGE_SHARE && c.drawdown.size >= WIDE_RANGE_DEPTH * c.range;
  if (!reversed && !wide) return undefined;
  const size = reversed ? -c.net : c.drawdown.size;
  const halves = reversed ? c.netHalves.map((v) => -v) : c.drawdown.halves;
  const stable = halves.every((h) => h >= HALF_AGREEMENT * size);
  const support = reversed ? c.dataAgainstZ.overall : c.dataAgainstZ.drawdown;
  const severity: Severity = stable && size >= minEffect && support >= DATA_SUPPORT_Z ? 'warning' : 'info';
  if (size < minEffect / 4) return undefined; // flat curve: nothing to say
  const where = reversed
    ? `over its whole range (${fmt(c.pd.grid[0])} → ${fmt(c.pd.grid[c.pd.grid.length - 1])})`
    : `between ${fmt(c.drawdown.from)} and ${fmt(c.drawdown.to)} (${(c.drawdown.quantileSpan * 100).toFixed(0)}% of rows)`;
  return {
    id: 'goodhart.counterintuitive',
    severity,
    feature: c.feature,
    message:
      `'${c.feature}' is declared to ${expected} '${ctx.target}', but the model's prediction moves the other way by ${size.toPrecision(3)} ${where}. ` +
      (severity === 'warning'
        ? `The data show it too (z ${support.toFixed(1)}): check for confounding (e.g. the risk factor triggers care that lowers risk); add the missing variable or do not act on this effect.`
        : `The data do not clearly show it (z ${support.toFixed(1)}), so it is likely a fitting artefact: constrain the model to the expected direction.`),
    evidence: {
      expected: ctx.expect[c.feature],
      reversed_overall: reversed,
      effect_against_expectation: round(size),
      effect_in_background_halves: halves.map((h) => round(h)),
      data_against_expectation_z: round(support, 2),
      range: [round(c.drawdown.from), round(c.drawdown.to)],
      quantile_span: round(c.drawdown.quantileSpan),
      curve: { grid: Array.from(c.pd.grid, (g) => round(g)), pd: Array.from(c.pd.mean, (v) => round(v)) },
    },
  };
}

function fmt(x: number): string {
  return Number.parseFloat(x.toPrecision(4)).toString();
}
