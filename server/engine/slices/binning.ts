/**
 * Turns data columns into the discrete predicates SliceLine searches over (Sagadeeva & Boehm
 * 2021, §2: "X in recoded/binned representation"). Every bin carries a human label and the
 * SlicePredicate that selects its rows, so a slice found on codes is reported in data terms.
 *
 * - numeric (and datetime): equal-frequency bins, edges rounded to readable numbers;
 * - numeric columns holding few distinct integers (codes like region = 4): one bin per value,
 *   predicate `== 4` (the number, not a range);
 * - categorical: the most frequent `topK` levels, the rest in one "other" bin;
 * - boolean: true / false;
 * - missing values: a bin of their own (`op: 'missing'`), because missingness is often where
 *   a model fails.
 * The "other" bin has no predicate (SlicePredicate cannot express "none of these levels"):
 * its rows get code -1 and never form a slice.
 */
import type { CategoricalColumn, Column, Dataset } from '../../loaders/data/dataset';
import { MISSING_BOOLEAN, MISSING_CODE, columnByName } from '../../loaders/data/dataset';
import type { SlicePredicate } from '../../results/finding';
import { equalFrequencyEdges, formatEdge } from './binEdges';
import { codeArray, type CodeArray } from './sliceLineTypes';

/** Quintiles: each bin holds ~20% of rows, so 2–3 predicate conjunctions still reach min support. */
export const DEFAULT_NUMERIC_BINS = 5;
/** More levels than this give slices too small to test on typical test splits; the rest is "other". */
export const DEFAULT_TOP_K_CATEGORIES = 12;
/** Integer columns with at most this many distinct values are codes or counts: one bin per value. */
export const DEFAULT_MAX_INTEGER_CATEGORIES = 12;
/** Code of rows in a bin without a predicate ("other"): excluded from slicing. */
export const UNSLICEABLE_CODE = -1;

export interface BinningOptions {
  /** Bins per numeric or datetime feature (equal frequency). */
  readonly bins?: number;
  /** Categorical levels kept as their own bins; the rest are "other". */
  readonly topK?: number;
  /** Integer numeric columns with ≤ this many distinct values are treated as categories. */
  readonly maxIntegerCategories?: number;
}

export interface FeatureBin {
  readonly label: string;
  /** null for the "other" bin, which cannot be expressed as one predicate. */
  readonly predicate: SlicePredicate | null;
  readonly count: number;
}

export type BinningKind = 'range' | 'category' | 'integer-category' | 'boolean';

export interface BinnedFeature {
  readonly feature: string;
  readonly kind: BinningKind;
  readonly bins: readonly FeatureBin[];
  /** Bin index per row; UNSLICEABLE_CODE for rows in a bin without predicate (the narrowest array that holds them). */
  readonly codes: CodeArray;
}

/** Bins the named features of a data set. @throws RangeError naming an unknown feature. */
export function binFeatures(data: Dataset, features: readonly string[], options: BinningOptions = {}): BinnedFeature[] {
  const scratch = new Float64Array(data.rowCount);
  return features.map((name) => {
    const column = columnByName(data, name);
    if (!column) {
      const known = data.columns.map((c) => c.name).join(', ');
      throw new RangeError(`binFeatures: feature '${name}' is not a column of ${data.source} (columns: ${known}).`);
    }
    return binColumn(column, options, scratch);
  });
}

/** Bins one column (see the module comment for the rules); `scratch` is a work buffer of the column's length, reused across columns. */
export function binColumn(column: Column, options: BinningOptions = {}, scratch?: Float64Array): BinnedFeature {
  switch (column.kind) {
    case 'categorical':
      return binCategorical(column, options.topK ?? DEFAULT_TOP_K_CATEGORIES);
    case 'boolean':
      return binBoolean(column.name, column.values);
    case 'numeric': {
      const maxDistinct = options.maxIntegerCategories ?? DEFAULT_MAX_INTEGER_CATEGORIES;
      const distinct = column.integer ? distinctValues(column.values, maxDistinct) : undefined;
      if (distinct) return binIntegerCategories(column.name, column.values, distinct);
      return binRanges(column.name, column.values, options.bins ?? DEFAULT_NUMERIC_BINS, formatEdge, column.integer, scratch);
    }
    case 'datetime':
      return binRanges(column.name, column.values, options.bins ?? DEFAULT_NUMERIC_BINS, (v) => new Date(v).toISOString(), false, scratch);
  }
}

function binCategorical(column: CategoricalColumn, topK: number): BinnedFeature {
  const counts = new Float64Array(column.dictionary.length);
  let missing = 0;
  for (const c of column.codes) {
    if (c === MISSING_CODE) missing++;
    else counts[c]++;
  }
  const present = [...counts.keys()].filter((c) => counts[c] > 0);
  present.sort((a, b) => counts[b] - counts[a] || a - b);
  const kept = present.slice(0, topK);
  const binOf = new Int32Array(column.dictionary.length).fill(UNSLICEABLE_CODE);
  const bins: FeatureBin[] = kept.map((code, i) => {
    binOf[code] = i;
    const value = column.dictionary[code];
    return { label: `${column.name} == ${value}`, predicate: { feature: column.name, op: '==', value }, count: counts[code] };
  });
  const missingBin = missing > 0 ? bins.length : UNSLICEABLE_CODE;
  if (missing > 0) bins.push(missingBinOf(column.name, missing));
  const otherCount = present.slice(topK).reduce((s, c) => s + counts[c], 0);
  if (otherCount > 0) bins.push({ label: `${column.name} other (${present.length - topK} levels)`, predicate: null, count: otherCount });
  const codes = codeArray(column.codes.length, bins.length);
  for (let r = 0; r < codes.length; r++) codes[r] = column.codes[r] === MISSING_CODE ? missingBin : binOf[column.codes[r]];
  return { feature: column.name, kind: 'category', bins, codes };
}

function binBoolean(name: string, values: Uint8Array): BinnedFeature {
  const counts = [0, 0, 0];
  for (const v of values) counts[v === MISSING_BOOLEAN ? 2 : v]++;
  const bins: FeatureBin[] = [];
  const binOf = [UNSLICEABLE_CODE, UNSLICEABLE_CODE, UNSLICEABLE_CODE];
  (['false', 'true'] as const).forEach((value, v) => {
    if (counts[v] === 0) return;
    binOf[v] = bins.length;
    bins.push({ label: `${name} == ${value}`, predicate: { feature: name, op: '==', value }, count: counts[v] });
  });
  if (counts[2] > 0) {
    binOf[2] = bins.length;
    bins.push(missingBinOf(name, counts[2]));
  }
  const codes = codeArray(values.length, bins.length);
  for (let r = 0; r < codes.length; r++) codes[r] = binOf[values[r] === MISSING_BOOLEAN ? 2 : values[r]];
  return { feature: name, kind: 'boolean', bins, codes };
}

function binIntegerCategories(name: string, values: Float64Array, distinct: number[]): BinnedFeature {
  const position = new Map(distinct.map((v, i) => [v, i]));
  const counts = new Float64Array(distinct.length);
  let missing = 0;
  const codes = codeArray(values.length, distinct.length);
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    if (Number.isNaN(v)) {
      missing++;
      codes[r] = distinct.length;
    } else {
      const i = position.get(v) as number;
      counts[i]++;
      codes[r] = i;
    }
  }
  const bins: FeatureBin[] = distinct.map((value, i) => ({
    label: `${name} == ${value}`,
    predicate: { feature: name, op: '==', value },
    count: counts[i],
  }));
  if (missing > 0) bins.push(missingBinOf(name, missing));
  return { feature: name, kind: 'integer-category', bins, codes };
}

function binRanges(
  name: string,
  values: Float64Array,
  binCount: number,
  format: (v: number) => string,
  integer: boolean,
  scratch?: Float64Array,
): BinnedFeature {
  const edges = equalFrequencyEdges(values, binCount, integer, scratch);
  const ranges = edges.length + 1;
  const counts = new Float64Array(ranges + 1);
  const codes = codeArray(values.length, ranges);
  for (let r = 0; r < values.length; r++) {
    const v = values[r];
    let b: number;
    if (Number.isNaN(v)) b = ranges;
    else {
      // Binary search: number of edges ≤ v is the bin index ([lo, hi) bins).
      let lo = 0;
      let hi = edges.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (edges[mid] <= v) lo = mid + 1;
        else hi = mid;
      }
      b = lo;
    }
    codes[r] = b;
    counts[b]++;
  }
  // A constant column has one range holding every present row: it selects nothing, so it is not sliceable.
  if (edges.length === 0) for (let r = 0; r < codes.length; r++) if (codes[r] === 0) codes[r] = UNSLICEABLE_CODE;
  const bins: FeatureBin[] = [];
  for (let b = 0; b < ranges; b++) bins.push(rangeBin(name, edges, b, counts[b], format));
  if (counts[ranges] > 0) bins.push(missingBinOf(name, counts[ranges]));
  return { feature: name, kind: 'range', bins, codes };
}

function rangeBin(name: string, edges: readonly number[], b: number, count: number, format: (v: number) => string): FeatureBin {
  if (edges.length === 0) return { label: `${name} (all values)`, predicate: null, count };
  if (b === 0) return { label: `${name} < ${format(edges[0])}`, predicate: { feature: name, op: '<', value: edges[0] }, count };
  if (b === edges.length) {
    const lo = edges[b - 1];
    return { label: `${name} ≥ ${format(lo)}`, predicate: { feature: name, op: '>=', value: lo }, count };
  }
  const lo = edges[b - 1];
  const hi = edges[b];
  return { label: `${format(lo)} ≤ ${name} < ${format(hi)}`, predicate: { feature: name, op: 'in', value: [lo, hi] }, count };
}

function missingBinOf(name: string, count: number): FeatureBin {
  return { label: `${name} missing`, predicate: { feature: name, op: 'missing', value: null }, count };
}

/** Sorted distinct non-missing values, or undefined as soon as there are more than `limit`. */
function distinctValues(values: Float64Array, limit: number): number[] | undefined {
  const seen = new Set<number>();
  for (const v of values) {
    if (Number.isNaN(v) || seen.has(v)) continue;
    seen.add(v);
    if (seen.size > limit) return undefined;
  }
  return [...seen].sort((a, b) => a - b);
}
