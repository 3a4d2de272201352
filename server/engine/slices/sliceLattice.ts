/**
 * One level of the SliceLine lattice: L-predicate slices with their statistics, stored flat so
 * a level of ten thousand slices is a handful of typed arrays.
 */
export interface SliceLevel {
  /** Predicates per slice (L). */
  readonly level: number;
  readonly count: number;
  /** count × level global item ids, row-major; each slice's ids ascending, slices in lexicographic order. */
  readonly items: Int32Array;
  readonly size: Float64Array;
  readonly errorSum: Float64Array;
  readonly maxError: Float64Array;
}

/** The global item ids of slice `index` (a view, not a copy). */
export function sliceItemsAt(level: SliceLevel, index: number): Int32Array {
  return level.items.subarray(index * level.level, (index + 1) * level.level);
}

/** Exact identity of a slice: its ascending item ids. Strings never collide (unlike mixed-radix float ids). */
export function sliceKey(items: ArrayLike<number>): string {
  let key = '';
  for (let i = 0; i < items.length; i++) key += (i === 0 ? '' : ',') + items[i];
  return key;
}

/**
 * Keeps the slices that can grow into reportable ones: size ≥ minSupport and error sum > 0
 * (paper §4.1; a slice without error has no descendant with error). Order is preserved.
 */
export function selectValidSlices(level: SliceLevel, minSupport: number): SliceLevel {
  const keep: number[] = [];
  for (let i = 0; i < level.count; i++) if (level.size[i] >= minSupport && level.errorSum[i] > 0) keep.push(i);
  const L = level.level;
  const items = new Int32Array(keep.length * L);
  const size = new Float64Array(keep.length);
  const errorSum = new Float64Array(keep.length);
  const maxError = new Float64Array(keep.length);
  keep.forEach((from, to) => {
    items.set(level.items.subarray(from * L, (from + 1) * L), to * L);
    size[to] = level.size[from];
    errorSum[to] = level.errorSum[from];
    maxError[to] = level.maxError[from];
  });
  return { level: L, count: keep.length, items, size, errorSum, maxError };
}
