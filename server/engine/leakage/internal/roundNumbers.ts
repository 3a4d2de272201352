/**
 * Round-number candidates for a feature: clinicians, lenders and rule-books set thresholds
 * at round values ("lactate ≥ 4", "age ≥ 65", "score ≥ 700"), and treatment decided at a
 * threshold leaves a step in the outcome there (Lengerich et al. 2022, "Death by round
 * numbers: glass-box machine learning uncovers biases in medical practice").
 *
 * "Round" is relative to the feature's scale: with s = 10^floor(log10(spread)) the units
 * tried are s, s/2, s/10, s/20 (multiples of 10, 5, 1, 0.5 for a feature spread over tens),
 * and the finest unit that gives at most MAX_CANDIDATES values inside the bulk of the data
 * is used — fine enough to include real thresholds, coarse enough that "round" means something.
 */
export const MAX_CANDIDATES = 30;

export interface RoundCandidates {
  readonly unit: number;
  readonly values: readonly number[];
}

export function roundCandidates(lo: number, hi: number): RoundCandidates | undefined {
  const spread = hi - lo;
  if (!(spread > 0) || !Number.isFinite(spread)) return undefined;
  const scale = 10 ** Math.floor(Math.log10(spread));
  for (const unit of [scale / 20, scale / 10, scale / 2, scale]) {
    const first = Math.ceil(lo / unit - 1e-9);
    const last = Math.floor(hi / unit + 1e-9);
    const count = last - first + 1;
    if (count > MAX_CANDIDATES || count < 1) continue;
    const values: number[] = [];
    for (let k = first; k <= last; k++) values.push(tidy(k * unit));
    return { unit, values };
  }
  return undefined;
}

/** Removes float noise (0.30000000000000004 → 0.3) so candidates print and compare cleanly. */
export function tidy(x: number): number {
  return Number.parseFloat(x.toPrecision(12));
}

/** Distance from x to the nearest candidate. */
export function distanceToRound(x: number, values: readonly number[]): number {
  let d = Infinity;
  for (const v of values) d = Math.min(d, Math.abs(x - v));
  return d;
}
