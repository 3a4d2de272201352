/**
 * Hash-based lookup of a row's "twin" among reference rows: an exact twin has identical
 * inputs; a near twin matches after normalising — either all columns equal but one that
 * differs slightly (leave-one-column-out hashing), or all columns equal after rounding the
 * standardised values to a fine grid. O(rows × columns²) numeric hashing, no pairwise
 * distances; every hash hit is verified, so collisions cannot create false twins.
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
  const rounded = (row: Float64Array): Float64Array => Float64Array.from(row, (v, j) => (sd[j] > 0 ? Math.round(v / (sd[j] * ROUNDING_SD)) : v));
  const roundedRows = rows.map(rounded);
  const exactIndex = new Map<number, number[]>();
  const roundedIndex = new Map<number, number[]>();
  const leaveOneOut: Map<number, number[]>[] = Array.from({ length: d }, () => new Map());
  rows.forEach((r, i) => {
    push(exactIndex, hashRow(r, -1), i);
    push(roundedIndex, hashRow(roundedRows[i], -1), i);
    for (let j = 0; j < d; j++) push(leaveOneOut[j], hashRow(r, j), i);
  });
  const close = (a: number, b: number, j: number): boolean => a === b || Math.abs(a - b) <= NEAR_SD * sd[j];
  const find = (list: number[] | undefined, self: number, accept: (k: number) => boolean): number => {
    for (const k of list ?? []) if (k !== self && accept(k)) return k;
    return -1;
  };
  return {
    exact(row, self = -1) {
      return find(exactIndex.get(hashRow(row, -1)), self, (k) => equalExcept(rows[k], row, -1));
    },
    near(row, self = -1) {
      const rr = rounded(row);
      const r = find(roundedIndex.get(hashRow(rr, -1)), self, (k) => equalExcept(roundedRows[k], rr, -1));
      if (r >= 0) return r;
      for (let j = 0; j < d; j++) {
        const k = find(leaveOneOut[j].get(hashRow(row, j)), self, (c) => equalExcept(rows[c], row, j) && close(rows[c][j], row[j], j));
        if (k >= 0) return k;
      }
      return -1;
    },
  };
}

function push(map: Map<number, number[]>, key: number, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

/** Same values in every column but `skip` (NaN equals NaN: both missing). */
function equalExcept(a: Float64Array, b: Float64Array, skip: number): boolean {
  for (let j = 0; j < a.length; j++) {
    if (j === skip) continue;
    if (a[j] !== b[j] && !(Number.isNaN(a[j]) && Number.isNaN(b[j]))) return false;
  }
  return true;
}

const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/** Two FNV-1a-style 32-bit hashes of the values' bits (skipping one column), packed into a safe integer. */
function hashRow(row: Float64Array, skip: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let j = 0; j < row.length; j++) {
    if (j === skip) {
      h1 = Math.imul(h1 ^ 0x9e3779b9, 16777619);
      continue;
    }
    scratch[0] = Number.isNaN(row[j]) ? NaN : row[j] + 0; // +0 folds −0 into 0
    h1 = Math.imul(h1 ^ scratchWords[0], 16777619);
    h1 = Math.imul(h1 ^ scratchWords[1], 16777619);
    h2 = Math.imul(h2 ^ scratchWords[1], 0x5bd1e995);
    h2 = Math.imul(h2 ^ scratchWords[0], 0x5bd1e995);
    h2 ^= h2 >>> 13;
  }
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}
