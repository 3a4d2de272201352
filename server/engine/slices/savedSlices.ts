/**
 * Saved slices (regression tests written to modeldiag.json by "Add Slice as Regression
 * Test"): a conjunction of predicates and a metric with an allowed maximum. Each analysis
 * re-evaluates them on the current model and data; a slice whose metric now exceeds its
 * maximum, or that no longer matches any row, is a regression.
 *
 * Predicate semantics match the predicates SliceLine reports (binning.ts):
 * `==` a category's text, a boolean ('true'/'false') or a number; `in` [lo, hi); `<`; `>=`;
 * `missing`. A missing cell matches only `missing`.
 */
import { columnByName, isMissing, numericValue, type Column, type Dataset } from '../../loaders/data/dataset';
import type { RowOutcomes } from './rowOutcomes';
import { computeSliceMetrics, metricNumber } from './sliceMetrics';

export const SAVED_SLICE_OPS = ['==', 'in', '<', '>=', 'missing'] as const;
export type SavedSliceOp = (typeof SAVED_SLICE_OPS)[number];

/** A saved slice as read from the config (values not validated yet). */
export interface SavedSliceSpec {
  readonly name?: string;
  readonly predicates: readonly { readonly feature: string; readonly op: string; readonly value: unknown }[];
  readonly metric?: string;
  readonly maxValue?: number;
}

export type SavedSliceStatus = 'ok' | 'regressed' | 'empty' | 'invalid';

export interface SavedSliceEvaluation {
  readonly status: SavedSliceStatus;
  /** The metric evaluated (the spec's, else error_rate / mae). */
  readonly metric: string;
  /** Rows of the split that match every predicate. */
  readonly size: number;
  /** Metric on the matching rows; NaN when none match or the spec is invalid. */
  readonly value: number;
  readonly ci?: readonly [number, number];
  /** Metric over all rows of the split. */
  readonly baseline: number;
  readonly maxValue?: number;
  /** Why the slice is invalid (unknown feature, bad operator or value, unknown metric). */
  readonly reason?: string;
}

/** Rows of `data` that satisfy every predicate; a string when a predicate cannot be evaluated. */
export function savedSliceRows(data: Dataset, predicates: SavedSliceSpec['predicates']): Int32Array | string {
  if (!Array.isArray(predicates) || predicates.length === 0) return 'a saved slice needs at least one predicate {feature, op, value}';
  const tests: ((row: number) => boolean)[] = [];
  for (const p of predicates) {
    const column = typeof p?.feature === 'string' ? columnByName(data, p.feature) : undefined;
    if (!column) return `no column "${String(p?.feature)}" in ${data.source}`;
    const t = predicateTest(column, p.op, p.value);
    if (typeof t === 'string') return `${p.feature} ${String(p.op)} ${JSON.stringify(p.value)}: ${t}`;
    tests.push(t);
  }
  const rows: number[] = [];
  for (let r = 0; r < data.rowCount; r++) if (tests.every((t) => t(r))) rows.push(r);
  return Int32Array.from(rows);
}

/**
 * Evaluates one saved slice on a split: its rows, the metric on them, and the verdict
 * against `maxValue` (no maxValue: never a regression, only reported).
 */
export function evaluateSavedSlice(data: Dataset, outcomes: RowOutcomes, spec: SavedSliceSpec, options: { readonly seed?: number } = {}): SavedSliceEvaluation {
  const metric = spec.metric ?? (outcomes.task === 'regression' ? 'mae' : 'error_rate');
  const overall = computeSliceMetrics(outcomes, undefined, { seed: options.seed });
  const baseline = metricNumber(overall[metric]);
  const maxValue = typeof spec.maxValue === 'number' && Number.isFinite(spec.maxValue) ? spec.maxValue : undefined;
  const base = { metric, baseline, ...(maxValue !== undefined ? { maxValue } : {}) };
  if (!(metric in overall)) {
    return { ...base, status: 'invalid', size: 0, value: NaN, reason: `unknown metric "${metric}" for this model; use one of ${Object.keys(overall).join(', ')}` };
  }
  const rows = savedSliceRows(data, spec.predicates);
  if (typeof rows === 'string') return { ...base, status: 'invalid', size: 0, value: NaN, reason: rows };
  if (rows.length === 0) return { ...base, status: 'empty', size: 0, value: NaN };
  const m = computeSliceMetrics(outcomes, rows, { seed: options.seed })[metric];
  const value = metricNumber(m);
  const ci = m !== undefined && typeof m !== 'number' ? m.ci : undefined;
  const regressed = maxValue !== undefined && value > maxValue;
  return { ...base, status: regressed ? 'regressed' : 'ok', size: rows.length, value, ...(ci ? { ci } : {}) };
}

function predicateTest(column: Column, op: unknown, value: unknown): ((row: number) => boolean) | string {
  if (!SAVED_SLICE_OPS.includes(op as SavedSliceOp)) return `unknown operator; use one of ${SAVED_SLICE_OPS.join(', ')}`;
  if (op === 'missing') return (r) => isMissing(column, r);
  const present = (f: (v: number) => boolean) => (r: number) => !isMissing(column, r) && f(numericValue(column, r));
  if (op === 'in') {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((x) => typeof x === 'number')) return '"in" takes a range [lo, hi]';
    const [lo, hi] = value as [number, number];
    return present((v) => v >= lo && v < hi);
  }
  if (op === '<' || op === '>=') {
    if (typeof value !== 'number') return `"${op}" takes a number`;
    return op === '<' ? present((v) => v < value) : present((v) => v >= value);
  }
  // '=='
  if (column.kind === 'categorical') {
    const code = column.dictionary.indexOf(String(value));
    return code < 0 ? () => false : (r) => column.codes[r] === code;
  }
  if (column.kind === 'boolean') {
    const b = value === true || value === 'true' || value === 1 ? 1 : value === false || value === 'false' || value === 0 ? 0 : undefined;
    if (b === undefined) return '"==" on a boolean column takes true or false';
    return present((v) => v === b);
  }
  const x = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (Number.isNaN(x)) return `"==" on the numeric column takes a number`;
  return present((v) => v === x);
}
