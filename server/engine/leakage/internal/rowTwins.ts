/**
 * Hash-based search for each query row's "twin" among reference rows: an exact twin has
 * identical inputs; a near twin matches after normalising — all columns equal after rounding
 * the standardised values to a fine grid, or all columns equal but one that differs slightly
 * (leave-one-column-out hashing). Every hash hit is verified, so collisions cannot create
 * false twins, and the twin reported is always the lowest-numbered reference row that
 * matches (hash chains are kept in row order).
 *
 * Built for a million rows: rows are read from the columns (no row copies), a row's hash is a
 * sum of per-cell hashes so leaving a column out costs one subtraction (O(rows × columns)
 * instead of O(rows × columns²)), and the leave-one-out indexes are built one column at a
 * time, each answering every query that is still open before the next is built (a query's
 * first matching column is the same as when it tries the columns one after another).
 */

/** One split's model inputs, by column (numbersOf each feature). */
export interface RowTable {
  readonly rows: number;
  readonly columns: readonly Float64Array[];
}

export interface TwinQuery {
  readonly table: RowTable;
  /** The query rows are the reference rows themselves: a row is not its own twin. */
  readonly selfIsReference: boolean;
}

export interface Twins {
  /** Per query row: the first reference row with identical inputs, or -1. */
  readonly exact: Int32Array;
  /** Per query row without an exact twin: the first reference row that nearly matches, or -1. */
  readonly near: Int32Array;
}

/**
 * Two values "nearly equal": within 0.05 standard deviations of the column — a re-keyed or
 * re-rounded copy, not a different person. Relative-to-value tolerances would call every
 * pair of rows in a narrow-range column "near".
 */
export const NEAR_SD = 0.05;
/** Rounding grid for the standardised key (in standard deviations). */
export const ROUNDING_SD = 0.01;

export function findTwins(reference: RowTable, sd: Float64Array, queries: readonly TwinQuery[]): Twins[] {
  const d = reference.columns.length;
  const step = Float64Array.from(sd, (s) => s * ROUNDING_SD);
  const rounded = (v: number, j: number): number => (sd[j] > 0 ? Math.round(v / step[j]) : v);
  const ref = rowHashes(reference, rounded);
  const hashes = queries.map((q) => (q.selfIsReference && q.table === reference ? ref : rowHashes(q.table, rounded)));
  const out = queries.map((q) => ({ exact: new Int32Array(q.table.rows).fill(-1), near: new Int32Array(q.table.rows).fill(-1) }));
  const self = (q: number, i: number): number => (queries[q].selfIsReference ? i : -1);

  // Exact twins: every value equal (NaN equals NaN: both missing).
  let index = new ChainIndex(ref.a, ref.b);
  queries.forEach((q, qi) => {
    const h = hashes[qi];
    for (let i = 0; i < q.table.rows; i++) {
      out[qi].exact[i] = index.find(h.a[i], h.b[i], self(qi, i), (k) => equalExcept(reference, k, q.table, i, -1));
    }
  });
  // Near twins, first on the rounded standardised values...
  index = new ChainIndex(ref.roundedA, ref.roundedB);
  queries.forEach((q, qi) => {
    const h = hashes[qi];
    for (let i = 0; i < q.table.rows; i++) {
      if (out[qi].exact[i] >= 0) continue;
      out[qi].near[i] = index.find(h.roundedA[i], h.roundedB[i], self(qi, i), (k) => roundedEqual(reference, k, q.table, i, rounded));
    }
  });
  // ...then all columns but one equal, the one within NEAR_SD standard deviations.
  const keyA = new Int32Array(reference.rows);
  const keyB = new Int32Array(reference.rows);
  for (let j = 0; j < d; j++) {
    const column = reference.columns[j];
    for (let k = 0; k < reference.rows; k++) {
      keyA[k] = (ref.a[k] - cellHash(j, column[k], LANE_A)) | 0;
      keyB[k] = (ref.b[k] - cellHash(j, column[k], LANE_B)) | 0;
    }
    index = new ChainIndex(keyA, keyB);
    queries.forEach((q, qi) => {
      const h = hashes[qi];
      const values = q.table.columns[j];
      for (let i = 0; i < q.table.rows; i++) {
        if (out[qi].exact[i] >= 0 || out[qi].near[i] >= 0) continue;
        const a = (h.a[i] - cellHash(j, values[i], LANE_A)) | 0;
        const b = (h.b[i] - cellHash(j, values[i], LANE_B)) | 0;
        out[qi].near[i] = index.find(a, b, self(qi, i), (k) => equalExcept(reference, k, q.table, i, j) && close(column[k], values[i], NEAR_SD * sd[j]));
      }
    });
  }
  return out;
}

/**
 * Row ids by a 64-bit key (two 32-bit lanes), chained in row order: a bucket's chain is
 * walked from the lowest row, so the first verified hit is the lowest-numbered twin.
 */
class ChainIndex {
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly keyA: Int32Array,
    private readonly keyB: Int32Array,
  ) {
    const n = keyA.length;
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.mask = size - 1;
    this.head = new Int32Array(size).fill(-1);
    this.next = new Int32Array(n);
    // Highest rows first: each is put in front, so chains end up ascending.
    for (let k = n - 1; k >= 0; k--) {
      const slot = keyA[k] & this.mask;
      this.next[k] = this.head[slot];
      this.head[slot] = k;
    }
  }

  find(a: number, b: number, self: number, accept: (k: number) => boolean): number {
    for (let k = this.head[a & this.mask]; k >= 0; k = this.next[k]) {
      if (this.keyA[k] === a && this.keyB[k] === b && k !== self && accept(k)) return k;
    }
    return -1;
  }
}

interface RowHashes {
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly roundedA: Int32Array;
  readonly roundedB: Int32Array;
}

/** Per row: the sums of its cells' hashes (two lanes), of the values and of the rounded values. */
function rowHashes(table: RowTable, rounded: (v: number, j: number) => number): RowHashes {
  const n = table.rows;
  const h: RowHashes = { a: new Int32Array(n), b: new Int32Array(n), roundedA: new Int32Array(n), roundedB: new Int32Array(n) };
  table.columns.forEach((column, j) => {
    for (let i = 0; i < n; i++) {
      const v = column[i];
      h.a[i] = (h.a[i] + cellHash(j, v, LANE_A)) | 0;
      h.b[i] = (h.b[i] + cellHash(j, v, LANE_B)) | 0;
      const r = rounded(v, j);
      h.roundedA[i] = (h.roundedA[i] + cellHash(j, r, LANE_A)) | 0;
      h.roundedB[i] = (h.roundedB[i] + cellHash(j, r, LANE_B)) | 0;
    }
  });
  return h;
}

const LANE_A = 0x9e3779b9;
const LANE_B = 0x85ebca6b;
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/**
 * A 32-bit hash of value `v` in column `j` (murmur3's finaliser over its bits and the column).
 * NaN and −0 are folded into one NaN and 0, since the verification treats them as equal.
 */
function cellHash(j: number, v: number, lane: number): number {
  scratch[0] = Number.isNaN(v) ? NaN : v + 0;
  let h = Math.imul(words[0] ^ lane, 0xcc9e2d51) ^ Math.imul(words[1] + j * 0x27d4eb2f, 0x1b873593) ^ Math.imul(j + 1, lane);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Reference row k and query row i hold the same values in every column but `skip`. */
function equalExcept(reference: RowTable, k: number, query: RowTable, i: number, skip: number): boolean {
  for (let j = 0; j < reference.columns.length; j++) if (j !== skip && !same(reference.columns[j][k], query.columns[j][i])) return false;
  return true;
}

function roundedEqual(reference: RowTable, k: number, query: RowTable, i: number, rounded: (v: number, j: number) => number): boolean {
  for (let j = 0; j < reference.columns.length; j++) if (!same(rounded(reference.columns[j][k], j), rounded(query.columns[j][i], j))) return false;
  return true;
}

function close(a: number, b: number, tolerance: number): boolean {
  return a === b || Math.abs(a - b) <= tolerance;
}
