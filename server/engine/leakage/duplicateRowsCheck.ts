import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { modelInputs } from './internal/datasetColumns';
import { rowTwins, type RowTwins } from './internal/rowTwins';
import { poissonUpperTail } from './internal/poissonTail';

/**
 * leak.duplicate-rows — test rows whose inputs also occur in train (exactly, or nearly
 * after normalising) inflate test metrics: the model is graded on rows it has seen
 * (Kaufman et al. 2012; Allamanis 2019, "adverse effects of code duplication").
 * Identical inputs with conflicting labels are reported too (label noise / ambiguity).
 *
 * Tabular data with few distinct values produces twins by chance, so the cross-split
 * twin rate is tested against the twin rate *within* train, which is what an honest
 * split of the same data would show.
 */

/** Warning needs at least this many contaminated test rows and this share of the test set... */
export const MIN_TWINS = 5;
export const WARNING_SHARE = 0.005;
/** ...error from this share: a twentieth of the test set is graded on memorised rows. */
export const ERROR_SHARE = 0.05;
/** ...and a count this unlikely under the within-train twin rate. */
export const MAX_P_VALUE = 1e-6;

export const duplicateRowsCheck: LeakageCheck = {
  id: 'leak.duplicate-rows',
  async run(ctx: LeakageContext): Promise<Finding[]> {
    if (ctx.train === ctx.test) return []; // one data file: there is no split to contaminate
    const train = rowsOf(ctx, 'train');
    const test = rowsOf(ctx, 'test');
    if (train.length === 0 || test.length === 0) return [];
    const sd = columnSds(train);
    const twins = rowTwins(train, sd);
    const cross = countTwins(test, twins, false);
    const within = countTwins(train, twins, true);
    const findings: Finding[] = [];
    const exact = assess(cross.exact, test.length, within.exact / train.length);
    const near = assess(cross.near, test.length, within.near / train.length);
    let sameLabel = 0;
    for (const [t, r] of cross.exactPairs) if (sameValue(ctx.testLabels[t], ctx.trainLabels[r])) sameLabel++;
    if (cross.exact > 0 || cross.near > 0) {
      const severity = maxSeverity(exact.severity, near.severity);
      const shown = cross.exactPairs.slice(0, 20).map(([t, r]) => ({ test_row: t, train_row: r }));
      findings.push({
        id: 'leak.duplicate-rows',
        severity,
        features: ctx.features,
        message:
          `${cross.exact} test rows (${pct(cross.exact / test.length)}) have identical inputs to a train row` +
          (cross.near > 0 ? `, and ${cross.near} more nearly match one` : '') +
          ` (within train: ${pct(within.exact / train.length)} of rows have an exact twin, ${pct(within.near / train.length)} a near one). ` +
          (severity === 'info'
            ? `That is about what chance or repeated records explain; de-duplicate before splitting if these are the same entity.`
            : `Test metrics are inflated by rows the model has seen: de-duplicate before splitting (group-aware split) and re-measure.`),
        evidence: {
          exact_test_rows: cross.exact,
          exact_same_label: sameLabel,
          near_test_rows: cross.near,
          test_rows: test.length,
          exact_share: round(cross.exact / test.length),
          within_train_exact_share: round(within.exact / train.length),
          within_train_near_share: round(within.near / train.length),
          exact_p_value: exact.pValue,
          near_p_value: near.pValue,
          examples: shown,
        },
      });
    }
    findings.push(...conflictingLabels(ctx, train, test, twins));
    return findings;
  },
};

function rowsOf(ctx: LeakageContext, split: 'train' | 'test'): Float64Array[] {
  const m = modelInputs(ctx[split], ctx.features);
  const rows: Float64Array[] = [];
  for (let i = 0; i < m.rows; i++) rows.push(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return rows;
}

function columnSds(rows: Float64Array[]): Float64Array {
  const d = rows[0].length;
  const sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    let s2 = 0;
    let n = 0;
    for (const r of rows) {
      if (Number.isNaN(r[j])) continue;
      s += r[j];
      s2 += r[j] * r[j];
      n++;
    }
    const mean = s / Math.max(1, n);
    sd[j] = Math.sqrt(Math.max(0, s2 / Math.max(1, n) - mean * mean));
  }
  return sd;
}

interface TwinCounts {
  exact: number;
  near: number;
  exactPairs: [number, number][];
}

function countTwins(rows: Float64Array[], twins: RowTwins, selfIsReference: boolean): TwinCounts {
  const out: TwinCounts = { exact: 0, near: 0, exactPairs: [] };
  rows.forEach((r, i) => {
    const self = selfIsReference ? i : -1;
    const e = twins.exact(r, self);
    if (e >= 0) {
      out.exact++;
      out.exactPairs.push([i, e]);
    } else if (twins.near(r, self) >= 0) out.near++;
  });
  return out;
}

function assess(count: number, n: number, baseRate: number): { severity: Severity; pValue: number } {
  // +1 pseudo-row keeps a zero within-train rate from making any twin "infinitely" surprising.
  const expected = baseRate * n + 1;
  const pValue = poissonUpperTail(count, expected);
  const share = count / n;
  if (count < MIN_TWINS || pValue > MAX_P_VALUE || share < WARNING_SHARE) return { severity: 'info', pValue };
  return { severity: share >= ERROR_SHARE ? 'error' : 'warning', pValue };
}

function conflictingLabels(ctx: LeakageContext, train: Float64Array[], test: Float64Array[], twins: RowTwins): Finding[] {
  let conflicts = 0;
  train.forEach((r, i) => {
    const k = twins.exact(r, i);
    if (k >= 0 && !sameValue(ctx.trainLabels[i], ctx.trainLabels[k])) conflicts++;
  });
  test.forEach((r, i) => {
    const k = twins.exact(r);
    if (k >= 0 && !sameValue(ctx.testLabels[i], ctx.trainLabels[k])) conflicts++;
  });
  if (conflicts === 0) return [];
  return [
    {
      id: 'leak.duplicate-rows',
      severity: 'info',
      features: ctx.features,
      message:
        `${conflicts} rows have the same inputs as a train row but a different '${ctx.target}'. ` +
        `The inputs cannot separate these cases: check the labels, or add the feature that tells them apart.`,
      evidence: { conflicting_rows: conflicts, rows: train.length + test.length },
    },
  ];
}

function sameValue(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

function maxSeverity(a: Severity, b: Severity): Severity {
  return a === 'error' || b === 'error' ? 'error' : a === 'warning' || b === 'warning' ? 'warning' : 'info';
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
