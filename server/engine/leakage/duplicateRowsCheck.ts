import type { Finding, Severity } from '../../results/finding';
import { round, type LeakageCheck } from './leakageCheck';
import type { LeakageContext } from './leakageContext';
import { numbersOf } from './internal/datasetColumns';
import { findTwins, type RowTable, type Twins } from './internal/rowTwins';
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
    const train = tableOf(ctx, 'train');
    const test = tableOf(ctx, 'test');
    if (train.rows === 0 || test.rows === 0) return [];
    const sd = columnSds(train);
    const [crossTwins, withinTwins] = findTwins(train, sd, [
      { table: test, selfIsReference: false },
      { table: train, selfIsReference: true },
    ]);
    const cross = countTwins(crossTwins);
    const within = countTwins(withinTwins);
    const findings: Finding[] = [];
    const exact = assess(cross.exact, test.rows, within.exact / train.rows);
    const near = assess(cross.near, test.rows, within.near / train.rows);
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
          `${cross.exact} test rows (${pct(cross.exact / test.rows)}) have identical inputs to a train row` +
          (cross.near > 0 ? `, and ${cross.near} more nearly match one` : '') +
          ` (within train: ${pct(within.exact / train.rows)} of rows have an exact twin, ${pct(within.near / train.rows)} a near one). ` +
          (severity === 'info'
            ? `That is about what chance or repeated records explain; de-duplicate before splitting if these are the same entity.`
            : `Test metrics are inflated by rows the model has seen: de-duplicate before splitting (group-aware split) and re-measure.`),
        evidence: {
          exact_test_rows: cross.exact,
          exact_same_label: sameLabel,
          near_test_rows: cross.near,
          test_rows: test.rows,
          exact_share: round(cross.exact / test.rows),
          within_train_exact_share: round(within.exact / train.rows),
          within_train_near_share: round(within.near / train.rows),
          exact_p_value: exact.pValue,
          near_p_value: near.pValue,
          examples: shown,
        },
      });
    }
    findings.push(...conflictingLabels(ctx, train, test, withinTwins, crossTwins));
    return findings;
  },
};

/** The split's model inputs by column (the data's own arrays for numeric columns: no copy). */
function tableOf(ctx: LeakageContext, split: 'train' | 'test'): RowTable {
  const data = ctx[split];
  const columns = ctx.features.map((f) => {
    const v = numbersOf(data, f);
    if (!v) throw new RangeError(`leakage: data set ${data.source} has no column '${f}' that the model needs`);
    return v;
  });
  return { rows: data.rowCount, columns };
}

function columnSds(table: RowTable): Float64Array {
  return Float64Array.from(table.columns, (column) => {
    let s = 0;
    let s2 = 0;
    let n = 0;
    for (let i = 0; i < table.rows; i++) {
      const v = column[i];
      if (Number.isNaN(v)) continue;
      s += v;
      s2 += v * v;
      n++;
    }
    const mean = s / Math.max(1, n);
    return Math.sqrt(Math.max(0, s2 / Math.max(1, n) - mean * mean));
  });
}

interface TwinCounts {
  exact: number;
  near: number;
  /** [query row, twin] of every query row with an exact twin, in row order. */
  exactPairs: [number, number][];
}

function countTwins(twins: Twins): TwinCounts {
  const out: TwinCounts = { exact: 0, near: 0, exactPairs: [] };
  for (let i = 0; i < twins.exact.length; i++) {
    if (twins.exact[i] >= 0) {
      out.exact++;
      out.exactPairs.push([i, twins.exact[i]]);
    } else if (twins.near[i] >= 0) out.near++;
  }
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

function conflictingLabels(ctx: LeakageContext, train: RowTable, test: RowTable, within: Twins, cross: Twins): Finding[] {
  let conflicts = 0;
  for (let i = 0; i < train.rows; i++) {
    const k = within.exact[i];
    if (k >= 0 && !sameValue(ctx.trainLabels[i], ctx.trainLabels[k])) conflicts++;
  }
  for (let i = 0; i < test.rows; i++) {
    const k = cross.exact[i];
    if (k >= 0 && !sameValue(ctx.testLabels[i], ctx.trainLabels[k])) conflicts++;
  }
  if (conflicts === 0) return [];
  return [
    {
      id: 'leak.duplicate-rows',
      severity: 'info',
      features: ctx.features,
      message:
        `${conflicts} rows have the same inputs as a train row but a different '${ctx.target}'. ` +
        `The inputs cannot separate these cases: check the labels, or add the feature that tells them apart.`,
      evidence: { conflicting_rows: conflicts, rows: train.rows + test.rows },
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
