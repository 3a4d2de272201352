import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import { hasScalarOutput, type LeakageContext } from './leakageContext';
import { pooledLabels, pooledNumbers } from './internal/datasetColumns';
import { backgroundSample } from './internal/backgroundSample';
import { benjaminiHochbergQValues, normalCdf } from '../stats';
import { partialDependence, type PartialDependence } from './internal/partialDependence';
import { distanceToRound, roundCandidates, tidy } from './internal/roundNumbers';
import { curveRange, curveTrend, jumpAt, type JumpAt } from './internal/shapeJumps';
import { distinctCount, quantileSorted, sortedPresent, spearman } from './internal/sortedStats';
import { windowContrast, type Contrast } from './internal/windowContrast';
import { overdispersion } from './internal/overdispersion';

/**
 * goodhart.threshold — a treatment-confounded effect: when a measurement above a round
 * threshold triggers treatment that is not recorded, the outcome (and a model of it) drops
 * just past the threshold although the risk factor keeps rising (Lengerich et al. 2022,
 * "Death by round numbers"; Caruana et al. 2015 on asthma and pneumonia). Using such a
 * model to decide the treatment would withhold it from the people it helps.
 *
 * Evidence, per round-number candidate (roundNumbers.ts):
 *  - model: a counter-trend step of the partial-dependence curve at the candidate, larger
 *    than every step at non-round positions, present in both halves of the background;
 *  - data: the outcome just above vs just below (windowContrast.ts), one-sided against the
 *    trend, BH-adjusted over all candidates, and more extreme than at non-round positions.
 */

/** Features need this many distinct values to have a "shape" (counts of 0..8 do not). */
export const MIN_DISTINCT = 20;
/** Model step at least this share of the curve's range: a visible dent, not a ripple. */
export const MIN_RELATIVE_STEP = 0.1;
/** Error when the model step is this large and the data agree at ERROR_Q. */
export const LARGE_RELATIVE_STEP = 0.25;
/** BH q-value of the data's counter-trend step for warning / error. */
export const WARNING_Q = 0.01;
export const ERROR_Q = 1e-4;
/** For an info-level listing of a model step, the data must lean the same way at least this much. */
export const INFO_MIN_DATA_Z = 1.5;
/** Each half of the background must show at least this share of the full step. */
export const HALF_AGREEMENT = 0.5;

interface Candidate {
  feature: string;
  value: number;
  unit: number;
  trend: number;
  data: Contrast;
  /** Overdispersion of the outcome across values; data z values are divided by √phi. */
  phi: number;
  dataCounterZ: number;
  dataBeatsNeighbours: boolean;
  model?: JumpAt & { relative: number; beatsNeighbours: boolean; stable: boolean };
}

export const thresholdCheck: LeakageCheck = {
  id: 'goodhart.threshold',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    if (!hasScalarOutput(ctx)) return [];
    const labels = pooledLabels(ctx);
    const binary = ctx.task === 'classification';
    const candidates: Candidate[] = [];
    for (let j = 0; j < ctx.features.length; j++) {
      const feature = ctx.features[j];
      const x = pooledNumbers(ctx.train, ctx.test, feature);
      if (!x) continue;
      candidates.push(...(await featureCandidates(ctx, j, x, labels, binary)));
    }
    const q = benjaminiHochbergQValues(candidates.map((c) => normalCdf(-c.dataCounterZ)));
    const best = new Map<string, { c: Candidate; q: number; severity: Severity; score: number }>();
    candidates.forEach((c, k) => {
      const severity = severityFor(c, q[k]);
      if (!severity) return;
      const score = (c.model?.relative ?? 0) + c.dataCounterZ / 100;
      const prev = best.get(c.feature);
      if (!prev || rankOf(severity) > rankOf(prev.severity) || (severity === prev.severity && score > prev.score)) {
        best.set(c.feature, { c, q: q[k], severity, score });
      }
    });
    return [...best.values()].map(({ c, q: qv, severity }) => toFinding(ctx, c, qv, severity));
  },
};

async function featureCandidates(ctx: LeakageContext, j: number, x: Float64Array, y: Float64Array, binary: boolean): Promise<Candidate[]> {
  const feature = ctx.features[j];
  const sorted = sortedPresent(x);
  if (distinctCount(sorted) < MIN_DISTINCT) return [];
  // Candidates cover the 2%–98% range: a treatment threshold may leave only a few percent of rows above it.
  const roundNumbers = roundCandidates(quantileSorted(sorted, 0.02), quantileSorted(sorted, 0.98));
  if (!roundNumbers) return [];
  const { unit, values } = roundNumbers;
  const dataTrend = Math.sign(spearman(x, y));
  // Rows sharing a value may be clustered (towns, patients): widen the data test accordingly.
  const phi = overdispersion(x, y, binary);
  const zScale = 1 / Math.sqrt(phi);

  // Model curve on a fine grid aligned with the candidates.
  let pd: PartialDependence | undefined;
  let step = unit / 10;
  const granularity = smallestGap(sorted);
  if (granularity > step) step = unit / Math.max(1, Math.floor(unit / granularity));
  const halfSteps = Math.max(1, Math.round(unit / 5 / step));
  let trend = dataTrend;
  if (ctx.evaluate) {
    const lo = Math.floor(quantileSorted(sorted, 0.02) / step) * step;
    const hi = Math.ceil(quantileSorted(sorted, 0.98) / step) * step;
    const count = Math.round((hi - lo) / step) + 1;
    const grid = Float64Array.from({ length: count }, (_, k) => tidy(lo + k * step));
    pd = await partialDependence(ctx.evaluate, backgroundSample(ctx), j, grid);
    const from = Math.round((quantileSorted(sorted, 0.1) - lo) / step);
    const to = Math.round((quantileSorted(sorted, 0.9) - lo) / step);
    trend = curveTrend(pd, Math.max(0, from), Math.min(count - 1, to)) || dataTrend;
  }
  if (trend === 0) return [];

  // Non-round reference positions: grid points whose windows contain no candidate.
  const nonRoundModel: number[] = [];
  const nonRoundData: number[] = [];
  if (pd) {
    for (const g of pd.grid) {
      const dist = distanceToRound(g, values);
      if (dist > (halfSteps + 1) * step) {
        const jmp = jumpAt(pd, g, halfSteps, trend);
        if (jmp) nonRoundModel.push(jmp.counter);
      }
    }
  }
  for (let k = 0; k < values.length - 1; k++) {
    for (const f of [0.3, 0.7]) {
      const pos = values[k] + f * unit;
      nonRoundData.push(-trend * zScale * windowContrast(x, y, pos, unit / 2, binary).z);
    }
  }
  const maxModel = Math.max(0, ...nonRoundModel);
  const maxData = Math.max(0, ...nonRoundData);
  const range = pd ? curveRange(pd) : 0;

  return values.map((value) => {
    const data = windowContrast(x, y, value, unit / 2, binary);
    const dataCounterZ = -trend * zScale * data.z;
    const c: Candidate = { feature, value, unit, trend, data, phi, dataCounterZ, dataBeatsNeighbours: dataCounterZ > maxData };
    const jmp = pd ? jumpAt(pd, value, halfSteps, trend) : undefined;
    if (jmp) {
      const relative = range > 0 ? jmp.counter / range : 0;
      const stable = jmp.counterA >= HALF_AGREEMENT * jmp.counter && jmp.counterB >= HALF_AGREEMENT * jmp.counter;
      c.model = { ...jmp, relative, beatsNeighbours: jmp.counter > maxModel, stable };
    }
    return c;
  });
}

function severityFor(c: Candidate, q: number): Severity | undefined {
  const m = c.model;
  const modelStep = m !== undefined && m.counter > 0 && m.relative >= MIN_RELATIVE_STEP && m.beatsNeighbours && m.stable;
  const dataStep = c.dataCounterZ > 0 && q <= WARNING_Q && c.dataBeatsNeighbours;
  if (modelStep && dataStep) return m.relative >= LARGE_RELATIVE_STEP && q <= ERROR_Q ? 'error' : 'warning';
  // Very strong data evidence suffices on its own: without a model, or with a smooth model
  // (logistic regression, small MLP) that cannot show a step, the outcome data still do.
  if (dataStep && q <= ERROR_Q) return 'warning';
  // Weaker signals are listed only when model and data point the same way.
  if ((modelStep && c.dataCounterZ >= INFO_MIN_DATA_Z) || dataStep) return 'info';
  return undefined;
}

function toFinding(ctx: LeakageContext, c: Candidate, q: number, severity: Severity): Finding {
  const dir = c.trend > 0 ? 'rises' : 'falls';
  const against = c.trend > 0 ? 'drops' : 'jumps';
  const m = c.model;
  const modelText = !m
    ? 'no model curve was available'
    : m.counter > 0
      ? `the model's partial-dependence curve ${against} by ${m.counter.toFixed(3)} between ${m.from} and ${m.to} (${(m.relative * 100).toFixed(0)}% of its range)`
      : `the model's curve shows no step (a smooth model cannot; the data do)`;
  return {
    id: 'goodhart.threshold',
    severity,
    feature: c.feature,
    message:
      `'${c.feature}' overall ${dir} with the outcome, but at the round number ${c.value} ${modelText}, and the observed '${ctx.target}' goes from ` +
      `${c.data.below.toFixed(3)} just below to ${c.data.above.toFixed(3)} just above (z ${(-c.trend * c.dataCounterZ).toFixed(1)}, q ${q.toExponential(1)}). ` +
      (severity === 'info'
        ? `This may be a treatment threshold that is not recorded; check with someone who knows how ${c.value} is used in practice.`
        : `A treatment probably starts at ${c.value} and is not recorded: add it as a feature, or do not use this model to decide that treatment.`),
    evidence: {
      threshold: c.value,
      round_unit: c.unit,
      trend: c.trend,
      model_step: m ? round(-c.trend * m.counter) : undefined,
      model_step_share_of_range: m ? round(m.relative) : undefined,
      model_step_window: m ? [m.from, m.to] : undefined,
      model_step_largest_among_non_round: m?.beatsNeighbours,
      model_step_stable_in_halves: m?.stable,
      outcome_below: round(c.data.below),
      outcome_above: round(c.data.above),
      rows_below: c.data.nBelow,
      rows_above: c.data.nAbove,
      window: [tidy(c.value - c.unit / 2), tidy(c.value + c.unit / 2)],
      z: round(c.data.z, 2),
      overdispersion: round(c.phi, 2),
      z_adjusted: round(-c.trend * c.dataCounterZ, 2),
      q_value: q,
      data_step_largest_among_non_round: c.dataBeatsNeighbours,
    },
  };
}

function smallestGap(sorted: Float64Array): number {
  let gap = Infinity;
  for (let i = 1; i < sorted.length; i++) {
    const d = sorted[i] - sorted[i - 1];
    if (d > 1e-9 && d < gap) gap = d;
  }
  return Number.isFinite(gap) ? gap : 0;
}

function rankOf(s: Severity): number {
  return s === 'error' ? 2 : s === 'warning' ? 1 : 0;
}
