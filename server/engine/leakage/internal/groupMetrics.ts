import { wilsonInterval } from '../../stats';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Disaggregated metrics of one group (Mitchell et al. 2019, "Model cards"; Hardt et al.
 * 2016 for TPR/FPR as equal-opportunity / equalised-odds quantities). Binary tasks use the
 * 0.5 decision threshold; regression reports mean prediction and mean residual.
 */
export interface Rate {
  readonly value: number;
  readonly count: number;
  readonly n: number;
  readonly ci: Interval;
}

export interface GroupMetrics {
  readonly group: string;
  readonly n: number;
  readonly selection?: Rate;
  readonly tpr?: Rate;
  readonly fpr?: Rate;
  /** Mean prediction minus observed rate / mean (calibration-in-the-large). */
  readonly calibrationGap: number;
  /** Standard error of calibrationGap (binary: √Σp(1−p)/n; regression: sd(residual)/√n). */
  readonly calibrationSe: number;
  readonly meanPrediction: number;
  readonly meanOutcome: number;
}

export const DECISION_THRESHOLD = 0.5;

export function groupMetrics(group: string, rows: readonly number[], scores: Float64Array, labels: Float64Array, binary: boolean): GroupMetrics {
  let sumP = 0;
  let sumY = 0;
  let n = 0;
  let selected = 0;
  let pos = 0;
  let tp = 0;
  let neg = 0;
  let fp = 0;
  let varSum = 0;
  let residSq = 0;
  for (const i of rows) {
    const p = scores[i];
    const y = labels[i];
    if (Number.isNaN(p) || Number.isNaN(y)) continue;
    n++;
    sumP += p;
    sumY += y;
    varSum += p * (1 - p);
    residSq += (p - y) ** 2;
    if (!binary) continue;
    const s = p >= DECISION_THRESHOLD ? 1 : 0;
    selected += s;
    if (y === 1) {
      pos++;
      tp += s;
    } else {
      neg++;
      fp += s;
    }
  }
  const rate = (count: number, total: number): Rate => ({ value: total ? count / total : NaN, count, n: total, ci: toInterval(wilsonInterval(count, total)) });
  return {
    group,
    n,
    selection: binary ? rate(selected, n) : undefined,
    tpr: binary ? rate(tp, pos) : undefined,
    fpr: binary ? rate(fp, neg) : undefined,
    calibrationGap: n ? (sumP - sumY) / n : NaN,
    calibrationSe: n ? (binary ? Math.sqrt(varSum) / n : Math.sqrt(Math.max(0, residSq / n - ((sumP - sumY) / n) ** 2) / n)) : NaN,
    meanPrediction: n ? sumP / n : NaN,
    meanOutcome: n ? sumY / n : NaN,
  };
}

function toInterval([lo, hi]: [number, number]): Interval {
  return { lo, hi };
}

/** Two-proportion z test (pooled), group vs complement; 0 when either side is empty. */
export function proportionZ(a: Rate, b: Rate): number {
  if (a.n === 0 || b.n === 0) return 0;
  const p = (a.count + b.count) / (a.n + b.n);
  const se = Math.sqrt(p * (1 - p) * (1 / a.n + 1 / b.n));
  return se > 0 ? (a.value - b.value) / se : 0;
}
