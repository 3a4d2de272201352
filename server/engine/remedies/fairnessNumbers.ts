/**
 * The numbers that show what marginalising did, computed the same way before and after:
 * demographic parity difference (selection rate at the 0.5 decision threshold), mean score
 * difference between sensitive groups, and the counterfactual flip rate (decisions that
 * change when only the sensitive input is set to another group's value). Group metrics and
 * grouping come from the fairness.gap check so both report the same groups.
 */
import type { FeatureMatrix } from '../evaluator/featureMatrix';
import { DECISION_THRESHOLD, groupMetrics } from '../leakage/internal/groupMetrics';
import { sensitiveClasses } from '../leakage/internal/sensitiveClasses';

export interface GroupNumbers {
  readonly group: string;
  readonly rows: number;
  /** Share of rows with score ≥ 0.5 (classification only). */
  readonly selectionRate?: number;
  readonly meanScore: number;
}

export interface FairnessNumbers {
  readonly groups: readonly GroupNumbers[];
  /** Largest minus smallest group selection rate (classification only). */
  readonly demographicParityDifference?: number;
  /** Largest minus smallest group mean score (P(positive) or the regression value). */
  readonly meanScoreDifference: number;
  /** Share of counterfactual swaps that change the decision (classification only). */
  readonly flipRate?: number;
  /** Largest |score change| over the swaps. */
  readonly maxAbsScoreChange: number;
  /** Number of (row, other group) swaps evaluated. */
  readonly counterfactualSwaps: number;
}

export interface FairnessInput {
  /** Rows to score, in the model's feature order. */
  readonly matrix: FeatureMatrix;
  readonly sensitiveIndex: number;
  /** One score per row: P(positive class), or the value for regression. */
  readonly score: (m: FeatureMatrix) => Promise<Float64Array>;
  /** Class index per row (rows with a missing label are left out, as in fairness.gap). */
  readonly labels: Float64Array;
  readonly classification: boolean;
  /** Category names of a categorical sensitive feature, for readable group names. */
  readonly dictionary?: readonly string[];
}

export async function fairnessNumbers(input: FairnessInput): Promise<FairnessNumbers> {
  const { matrix, sensitiveIndex: j, classification } = input;
  if (j < 0 || j >= matrix.cols) throw new RangeError(`fairnessNumbers: sensitive index ${j} is outside the ${matrix.cols} features`);
  const column = Float64Array.from({ length: matrix.rows }, (_, i) => matrix.data[i * matrix.cols + j]);
  const { labels: groupOf, groups } = sensitiveClasses(column, input.dictionary);
  const rowsOf = groups.map((_, g) => rowsWhere(groupOf, g));
  const scores = await input.score(matrix);
  const metrics = groups.map((name, g) => groupMetrics(`${matrix.names[j]}=${name}`, rowsOf[g], scores, input.labels, classification));
  const present = metrics.filter((m) => m.n > 0);
  const rates = present.map((m) => m.selection?.value ?? NaN).filter((v) => !Number.isNaN(v));
  const means = present.map((m) => m.meanPrediction);

  // Counterfactual: every row scored at each other group's representative value.
  let swaps = 0;
  let flips = 0;
  let maxChange = 0;
  for (let g = 0; g < groups.length; g++) {
    const value = representative(column, rowsOf[g]);
    if (value === undefined) continue;
    const data = matrix.data.slice();
    for (let i = 0; i < matrix.rows; i++) data[i * matrix.cols + j] = value;
    const moved = await input.score({ ...matrix, data });
    for (let i = 0; i < matrix.rows; i++) {
      if (Number.isNaN(groupOf[i]) || groupOf[i] === g) continue;
      swaps++;
      maxChange = Math.max(maxChange, Math.abs(moved[i] - scores[i]));
      if (moved[i] >= DECISION_THRESHOLD !== scores[i] >= DECISION_THRESHOLD) flips++;
    }
  }
  return {
    groups: metrics.map((m) => ({ group: m.group, rows: m.n, ...(classification ? { selectionRate: m.selection?.value ?? NaN } : {}), meanScore: m.meanPrediction })),
    ...(classification ? { demographicParityDifference: spread(rates), flipRate: swaps ? flips / swaps : 0 } : {}),
    meanScoreDifference: spread(means),
    maxAbsScoreChange: maxChange,
    counterfactualSwaps: swaps,
  };
}

function rowsWhere(groupOf: Float64Array, g: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < groupOf.length; i++) if (groupOf[i] === g) rows.push(i);
  return rows;
}

/** The group's median value: its own value for a level, an observed middle value for a range. */
function representative(column: Float64Array, rows: readonly number[]): number | undefined {
  if (rows.length === 0) return undefined;
  const sorted = rows.map((i) => column[i]).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function spread(xs: readonly number[]): number {
  return xs.length < 2 ? 0 : Math.max(...xs) - Math.min(...xs);
}
