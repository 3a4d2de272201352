import { distinctSorted, lowerBound } from '../../stats/sortedSearch';

/**
 * Overdispersion φ of the outcome across distinct values of a feature: how much more the
 * per-value outcome means scatter around a local smooth than sampling noise allows.
 * Rows sharing a value are often not independent (every tract of a town shares its `nox`,
 * every visit of a patient its `age`), and then a z statistic comparing neighbouring values
 * is too confident; dividing it by √φ is the quasi-likelihood correction (McCullagh &
 * Nelder 1989, §4.5). φ ≈ 1 for independent rows; never below 1 here.
 *
 * Robust: the median of the per-value Pearson ratios, scaled by the median of χ²₁ (0.4549),
 * so a single real step (the thing being tested) does not inflate φ.
 */
export const NEIGHBOUR_VALUES = 10;
const CHI2_1_MEDIAN = 0.4549;

export function overdispersion(x: ArrayLike<number>, y: ArrayLike<number>, binary: boolean): number {
  // Groups are the distinct x values, found by binary search in a natively sorted copy
  // (a Map keyed by value costs seconds per column at a million rows); sums still run in
  // row order, and `firstSeen` keeps the groups' first-appearance order for the pooled sum.
  let present = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) present++;
  const xs = new Float64Array(present);
  for (let i = 0, k = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) xs[k++] = x[i];
  const values = distinctSorted(xs.sort());
  const m = values.length;
  const gn = new Float64Array(m);
  const gs = new Float64Array(m);
  const gq = new Float64Array(m);
  const firstSeen = new Int32Array(m);
  let seen = 0;
  let total = 0;
  let sumY = 0;
  let sumY2 = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const g = lowerBound(values, x[i]);
    if (gn[g] === 0) firstSeen[seen++] = g;
    gn[g]++;
    gs[g] += y[i];
    gq[g] += y[i] * y[i];
    total++;
    sumY += y[i];
    sumY2 += y[i] * y[i];
  }
  if (values.length < 2 * NEIGHBOUR_VALUES + 1) return 1;
  const mean = sumY / total;
  let sigma2: number;
  if (binary) sigma2 = mean * (1 - mean);
  else {
    let within = 0;
    let df = 0;
    for (let k = 0; k < m; k++) {
      const g = firstSeen[k];
      if (gn[g] < 2) continue;
      within += gq[g] - (gs[g] * gs[g]) / gn[g];
      df += gn[g] - 1;
    }
    sigma2 = df >= total / 2 ? within / df : sumY2 / total - mean * mean;
  }
  if (!(sigma2 > 0)) return 1;
  const ratios: number[] = [];
  for (let k = 0; k < m; k++) {
    let ns = 0;
    let ss = 0;
    for (let d = 1; d <= NEIGHBOUR_VALUES; d++) {
      if (k - d >= 0) {
        ns += gn[k - d];
        ss += gs[k - d];
      }
      if (k + d < m) {
        ns += gn[k + d];
        ss += gs[k + d];
      }
    }
    if (ns === 0) continue;
    const diff = gs[k] / gn[k] - ss / ns;
    ratios.push((diff * diff) / (sigma2 * (1 / gn[k] + 1 / ns)));
  }
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)];
  return Math.max(1, median / CHI2_1_MEDIAN);
}
