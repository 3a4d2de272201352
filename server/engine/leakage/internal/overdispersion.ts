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
  const groups = new Map<number, { n: number; s: number; q: number }>();
  let total = 0;
  let sumY = 0;
  let sumY2 = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const g = groups.get(x[i]) ?? { n: 0, s: 0, q: 0 };
    g.n++;
    g.s += y[i];
    g.q += y[i] * y[i];
    groups.set(x[i], g);
    total++;
    sumY += y[i];
    sumY2 += y[i] * y[i];
  }
  const values = [...groups.keys()].sort((a, b) => a - b);
  if (values.length < 2 * NEIGHBOUR_VALUES + 1) return 1;
  const mean = sumY / total;
  let sigma2: number;
  if (binary) sigma2 = mean * (1 - mean);
  else {
    let within = 0;
    let df = 0;
    for (const g of groups.values()) {
      if (g.n < 2) continue;
      within += g.q - (g.s * g.s) / g.n;
      df += g.n - 1;
    }
    sigma2 = df >= total / 2 ? within / df : sumY2 / total - mean * mean;
  }
  if (!(sigma2 > 0)) return 1;
  const ratios: number[] = [];
  for (let k = 0; k < values.length; k++) {
    const g = groups.get(values[k])!;
    let ns = 0;
    let ss = 0;
    for (let d = 1; d <= NEIGHBOUR_VALUES; d++) {
      for (const j of [k - d, k + d]) {
        if (j < 0 || j >= values.length) continue;
        const h = groups.get(values[j])!;
        ns += h.n;
        ss += h.s;
      }
    }
    if (ns === 0) continue;
    const diff = g.s / g.n - ss / ns;
    ratios.push((diff * diff) / (sigma2 * (1 / g.n + 1 / ns)));
  }
  ratios.sort((a, b) => a - b);
  const median = ratios[Math.floor(ratios.length / 2)];
  return Math.max(1, median / CHI2_1_MEDIAN);
}
