/**
 * Hash-based lookup of a row's "twin" among reference rows: an exact twin has identical
 * inputs; a near twin matches after normalising — either all columns equal but one that
 * differs slightly (leave-one-column-out hashing), or all columns equal after rounding the
 * standardised values to a fine grid. O(rows × columns), no pairwise distances.
 */
export interface RowTwins {
  /** Reference row with identical inputs (not `self`), or -1. */
  exact(row: Float64Array, self?: number): number;
  /** Reference row that nearly matches (not `self`), or -1. */
  near(row: Float64Array, self?: number): number;
}

/**
 * Two values "nearly equal": within 0.05 standard deviations of the column — a re-keyed or
 * re-rounded copy, not a different person. Relative-to-value tolerances would call every
 * pair of rows in a narrow-range column "near".
 */
export const NEAR_SD = 0.05;
/** Rounding grid for the standardised key (in standard deviations). */
export const ROUNDING_SD = 0.01;

export function rowTwins(rows: readonly Float64Array[], sd: Float64Array): RowTwins {
  const d = sd.length;
  const exactIndex = new Map<string, number[]>();
  const roundedIndex = new Map<string, number[]>();
  const leaveOneOut: Map<string, number[]>[] = Array.from({ length: d }, () => new Map());
  rows.forEach((r, i) => {
    push(exactIndex, exactKey(r), i);
    push(roundedIndex, roundedKey(r, sd), i);
    for (let j = 0; j < d; j++) push(leaveOneOut[j], exactKey(r, j), i);
  });
  const close = (a: number, b: number, j: number): boolean => a === b || Math.abs(a - b) <= NEAR_SD * sd[j];
  return {
    exact(row, self = -1) {
      return first(exactIndex.get(exactKey(row)), self);
    },
    near(row, self = -1) {
      const r = first(roundedIndex.get(roundedKey(row, sd)), self);
      if (r >= 0) return r;
      for (let j = 0; j < d; j++) {
        for (const k of leaveOneOut[j].get(exactKey(row, j)) ?? []) {
          if (k !== self && close(rows[k][j], row[j], j)) return k;
        }
      }
      return -1;
    },
  };
}

function push(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function first(list: number[] | undefined, self: number): number {
  if (!list) return -1;
  for (const k of list) if (k !== self) return k;
  return -1;
}

function exactKey(row: Float64Array, skip = -1): string {
  let s = '';
  for (let j = 0; j < row.length; j++) s += j === skip ? '|*' : `|${row[j]}`;
  return s;
}

function roundedKey(row: Float64Array, sd: Float64Array): string {
  let s = '';
  for (let j = 0; j < row.length; j++) s += `|${sd[j] > 0 ? Math.round(row[j] / (sd[j] * ROUNDING_SD)) : row[j]}`;
  return s;
}
