/**
 * Equal-frequency bin edges rounded to readable numbers: "age < 30" reads better than
 * "age < 29.37", and a slice reported to a person must be checkable by hand. Each edge is
 * rounded to a 1-2-5 step chosen from the distance to its neighbouring edges, so it moves by
 * at most MAX_EDGE_SHIFT_FRACTION of the adjacent bins' widths: bins stay close to equal
 * frequency and two edges can never round onto each other.
 */
import { selectRanks } from '../stats/orderStatistics';

/** An edge moves by at most this fraction of the narrower adjacent bin (half a step ≤ 10%). */
const MAX_EDGE_SHIFT_FRACTION = 0.1;
/** Significant digits kept when cleaning binary noise (0.30000000000000004 → 0.3). */
const CLEAN_DIGITS = 12;

/**
 * Interior edges e_1 < … < e_m (m ≤ bins − 1) for [lo, hi) bins: (−∞, e_1), [e_1, e_2), …, [e_m, ∞).
 * Missing (NaN) values are ignored. Empty for constant or empty columns.
 * `integer`: the column holds integers only; edges are then integers too. `scratch`: a
 * buffer of at least the column's length to work in (overwritten).
 */
export function equalFrequencyEdges(values: Float64Array, bins: number, integer = false, scratch?: Float64Array): number[] {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) m++;
  if (m === 0 || bins < 2) return [];
  // A caller binning many columns lends one buffer (a fresh copy per column is garbage the size of the data).
  const present = scratch && scratch.length >= m ? scratch.subarray(0, m) : new Float64Array(m);
  for (let i = 0, k = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present[k++] = values[i];
  // Only the ranks read below are put in place (selection, not a sort of every row).
  const ranks = [0, m - 1];
  for (let j = 1; j < bins; j++) ranks.push(Math.floor((j * m) / bins));
  selectRanks(present, ranks);
  const min = present[0];
  const max = present[m - 1];
  const raw: number[] = [];
  for (let j = 1; j < bins; j++) {
    const e = present[Math.floor((j * m) / bins)];
    // An edge at the minimum would make an empty first bin.
    if (e > min && (raw.length === 0 || e > raw[raw.length - 1])) raw.push(e);
  }
  const out: number[] = [];
  raw.forEach((e, j) => {
    const below = e - (j > 0 ? raw[j - 1] : min);
    const above = (j + 1 < raw.length ? raw[j + 1] : max) - e;
    const local = above > 0 ? Math.min(below, above) : below;
    let step = niceStepAtMost(2 * MAX_EDGE_SHIFT_FRACTION * local);
    if (integer) step = Math.max(1, step);
    const r = Number((Math.round(e / step) * step).toPrecision(CLEAN_DIGITS));
    // Keep bins non-empty: an edge must lie in (min, max].
    if (r > min && r <= max && (out.length === 0 || r > out[out.length - 1])) out.push(r);
  });
  return out;
}

/** The largest of 1, 2, 5 × 10^k not above `limit`. */
function niceStepAtMost(limit: number): number {
  const power = 10 ** Math.floor(Math.log10(limit));
  for (const m of [5, 2, 1]) if (m * power <= limit) return m * power;
  return power;
}

/** An edge as text: no trailing binary noise, no exponent for ordinary magnitudes. */
export function formatEdge(value: number): string {
  return String(Number(value.toPrecision(CLEAN_DIGITS)));
}
