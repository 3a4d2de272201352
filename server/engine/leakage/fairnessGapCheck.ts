import { columnByName } from '../../loaders/data/dataset';
import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import { hasScalarOutput, type LeakageContext } from './leakageContext';
import { numbersOf } from './internal/datasetColumns';
import { benjaminiHochbergQValues, normalTwoSidedP, wilsonInterval } from '../stats';
import { groupMetrics, proportionZ, type GroupMetrics, type Rate } from './internal/groupMetrics';
import { sensitiveClasses } from './internal/sensitiveClasses';
import { counterfactualFlips } from './internal/counterfactualFlips';
import { testScores } from './internal/testScores';

/**
 * fairness.gap — disaggregated test metrics per sensitive group and per intersection of
 * groups (Buolamwini & Gebru 2018: gaps hide in intersections), and the counterfactual
 * flip rate when a sensitive attribute is itself an input.
 *
 * Severity: when base rates differ between groups, selection rate, TPR/FPR and calibration
 * cannot all be equal (Kleinberg et al. 2016; Chouldechova 2017), so rate gaps are listed at
 * info with their CIs. Warning needs evidence that the model itself treats a group
 * differently: a large, significant calibration gap (its scores mean something else for
 * that group) or decisions that flip when only the attribute changes.
 */

/**
 * Calibration gap (mean prediction − observed; in outcome sds for regression) for a warning:
 * 15 points means the same score stands for a clearly different risk in that group.
 */
export const LARGE_CALIBRATION_GAP = 0.15;
/** q-value for a gap to count as real (BH over all group × metric tests). */
export const WARNING_Q = 1e-3;
/** q-value for listing a gap at info. */
export const INFO_Q = 0.05;
/** Groups smaller than this are reported but never drive severity. */
export const MIN_GROUP_ROWS = 30;
/** Flip rate whose 95% lower bound exceeds this: the model uses the attribute directly. */
export const FLIP_RATE_LOWER_BOUND = 0.02;

interface GapTest {
  group: string;
  metric: 'selection' | 'tpr' | 'fpr' | 'calibration';
  gap: number;
  z: number;
  n: number;
}

export const fairnessGapCheck: LeakageCheck = {
  id: 'fairness.gap',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    if (!hasScalarOutput(ctx) || ctx.sensitive.length === 0) return [];
    const scores = await testScores(ctx);
    if (!scores) return [];
    const binary = ctx.task === 'classification';
    const findings: Finding[] = [];
    const groupings = groupingsOf(ctx);
    for (const { name, groupOf } of groupings) {
      const byGroup = new Map<string, number[]>();
      groupOf.forEach((g, i) => {
        if (g === undefined) return;
        const list = byGroup.get(g);
        if (list) list.push(i);
        else byGroup.set(g, [i]);
      });
      if (byGroup.size < 2) continue;
      const metrics = [...byGroup.entries()].map(([g, rows]) => groupMetrics(g, rows, scores, ctx.testLabels, binary));
      const tests = [...(binary ? gapTests(byGroup, metrics, scores, ctx.testLabels) : []), ...calibrationTests(metrics, binary ? 1 : outcomeSd(ctx.testLabels))];
      const q = benjaminiHochbergQValues(tests.map((t) => normalTwoSidedP(t.z)));
      let severity: Severity = 'info';
      const notable: (GapTest & { q: number })[] = [];
      tests.forEach((t, k) => {
        if (q[k] > INFO_Q) return;
        notable.push({ ...t, q: q[k] });
        if (t.metric === 'calibration' && Math.abs(t.gap) >= LARGE_CALIBRATION_GAP && q[k] <= WARNING_Q && t.n >= MIN_GROUP_ROWS) severity = 'warning';
      });
      if (notable.length === 0) continue;
      notable.sort((a, b) => Math.abs(b.gap) - Math.abs(a.gap));
      const top = notable[0];
      findings.push({
        id: 'fairness.gap',
        severity,
        features: name.split(' × '),
        message:
          (top
            ? `By '${name}', group ${top.group} has a ${label(top.metric)} ${(Math.abs(top.gap) * 100).toFixed(1)} points ${top.gap >= 0 ? 'higher' : 'lower'} than the rest (q ${top.q.toExponential(1)}). `
            : `Per-group metrics by '${name}' are in the evidence. `) +
          `Review the gap with domain experts; consider reweighting, per-group thresholds, or a model invariant to '${name}'.`,
        evidence: { grouping: name, groups: metrics.map(describe), gaps: notable.slice(0, 10).map((t) => ({ ...t, gap: round(t.gap), z: round(t.z, 2) })) },
      });
    }
    findings.push(...(await flipFindings(ctx, binary)));
    return findings;
  },
};

function groupingsOf(ctx: LeakageContext): { name: string; groupOf: (string | undefined)[] }[] {
  const single = ctx.sensitive.flatMap((attribute) => {
    const values = numbersOf(ctx.test, attribute);
    if (!values) return [];
    const col = columnByName(ctx.test, attribute);
    const { labels, groups } = sensitiveClasses(values, col?.kind === 'categorical' ? col.dictionary : undefined);
    return [{ name: attribute, groupOf: Array.from(labels, (c) => (Number.isNaN(c) ? undefined : `${attribute}=${groups[c]}`)) }];
  });
  const out = [...single];
  for (let a = 0; a < single.length; a++) {
    for (let b = a + 1; b < single.length; b++) {
      out.push({
        name: `${single[a].name} × ${single[b].name}`,
        groupOf: single[a].groupOf.map((g, i) => (g === undefined || single[b].groupOf[i] === undefined ? undefined : `${g} & ${single[b].groupOf[i]}`)),
      });
    }
  }
  return out;
}

function gapTests(byGroup: Map<string, number[]>, metrics: GroupMetrics[], scores: Float64Array, labels: Float64Array): GapTest[] {
  const all = groupMetrics('all', [...byGroup.values()].flat(), scores, labels, true);
  const tests: GapTest[] = [];
  for (const m of metrics) {
    for (const metric of ['selection', 'tpr', 'fpr'] as const) {
      const g = m[metric];
      const a = all[metric];
      if (!g || !a) continue;
      const rest: Rate = { value: (a.count - g.count) / Math.max(1, a.n - g.n), count: a.count - g.count, n: a.n - g.n, ci: a.ci };
      tests.push({ group: m.group, metric, gap: g.value - rest.value, z: proportionZ(g, rest), n: g.n });
    }
  }
  return tests;
}

/** Per group: is the model's mean prediction off from the observed outcome (scaled by `scale`)? */
function calibrationTests(metrics: GroupMetrics[], scale: number): GapTest[] {
  return metrics
    .filter((m) => m.n > 0 && m.calibrationSe > 0)
    .map((m) => ({ group: m.group, metric: 'calibration' as const, gap: m.calibrationGap / scale, z: m.calibrationGap / m.calibrationSe, n: m.n }));
}

function outcomeSd(y: Float64Array): number {
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (const v of y) {
    if (Number.isNaN(v)) continue;
    s += v;
    s2 += v * v;
    n++;
  }
  return Math.sqrt(Math.max(0, s2 / Math.max(1, n) - (s / Math.max(1, n)) ** 2)) || 1;
}

async function flipFindings(ctx: LeakageContext, binary: boolean): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const attribute of ctx.sensitive) {
    if (!ctx.features.includes(attribute)) continue;
    const values = numbersOf(ctx.test, attribute);
    if (!values) continue;
    const distinct = [...new Set(Array.from(values).filter((v) => !Number.isNaN(v)))];
    if (distinct.length > 10) continue;
    const r = await counterfactualFlips(ctx, attribute, distinct);
    if (!r) continue;
    const [ciLo, ciHi] = wilsonInterval(r.flips, r.rows);
    const ci = { lo: ciLo, hi: ciHi };
    const severity: Severity = binary && ci.lo > FLIP_RATE_LOWER_BOUND ? 'warning' : 'info';
    if (binary && r.flips === 0) continue;
    out.push({
      id: 'fairness.gap',
      severity,
      feature: attribute,
      message:
        (binary
          ? `Changing only '${attribute}' flips ${r.flips} of ${r.rows} decisions (${((r.flips / r.rows) * 100).toFixed(1)}%, 95% CI ${(ci.lo * 100).toFixed(1)}–${(ci.hi * 100).toFixed(1)}%). `
          : `Changing only '${attribute}' moves predictions by ${r.meanAbsChange.toPrecision(3)} on average. `) +
        `The model uses the attribute directly: remove it, or export a model invariant to it.`,
      evidence: { counterfactual_rows: r.rows, flips: r.flips, flip_rate: round(r.flips / r.rows), flip_rate_ci: [round(ci.lo), round(ci.hi)], mean_abs_change: round(r.meanAbsChange) },
    });
  }
  return out;
}

function describe(m: GroupMetrics): Record<string, unknown> {
  const r = (x?: Rate) => (x ? { value: round(x.value), ci: [round(x.ci.lo), round(x.ci.hi)], n: x.n } : undefined);
  return { group: m.group, n: m.n, selection_rate: r(m.selection), tpr: r(m.tpr), fpr: r(m.fpr), calibration_gap: round(m.calibrationGap), mean_prediction: round(m.meanPrediction), mean_outcome: round(m.meanOutcome) };
}

function label(metric: GapTest['metric']): string {
  return metric === 'selection' ? 'selection rate' : metric === 'tpr' ? 'true-positive rate' : metric === 'fpr' ? 'false-positive rate' : 'calibration (mean prediction − observed)';
}
