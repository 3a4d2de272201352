import { quantileSorted, sortedPresent } from './sortedStats';

/**
 * Two standard shift measures between a reference (train) and a current (test) sample.
 * PSI (population stability index, credit-scoring practice; Yurdakul 2018): Σ (q−p)·ln(q/p)
 * over reference-quantile bins; < 0.1 stable, 0.1–0.25 moderate, > 0.25 large.
 * KS: the largest gap between the two empirical CDFs, with its asymptotic p-value
 * (Kolmogorov distribution, Stephens' small-sample correction).
 */
export interface Shift {
  readonly psi: number;
  readonly ks: number;
  readonly ksPValue: number;
  readonly bins: number;
}

/** Bins need this many expected current rows each, or PSI is dominated by sampling noise. */
export const MIN_ROWS_PER_PSI_BIN = 20;
export const MAX_PSI_BINS = 10;

export function distributionShift(reference: ArrayLike<number>, current: ArrayLike<number>): Shift {
  const a = sortedPresent(reference);
  const b = sortedPresent(current);
  if (a.length === 0 || b.length === 0) return { psi: NaN, ks: NaN, ksPValue: 1, bins: 0 };
  const bins = Math.max(2, Math.min(MAX_PSI_BINS, Math.floor(b.length / MIN_ROWS_PER_PSI_BIN)));
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantileSorted(a, k / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  const p = histogram(a, edges);
  const q = histogram(b, edges);
  let psi = 0;
  const eps = 0.5; // add-half smoothing: an empty bin would make ln(q/p) infinite
  const na = a.length + eps * p.length;
  const nb = b.length + eps * q.length;
  for (let k = 0; k < p.length; k++) {
    const pk = (p[k] + eps) / na;
    const qk = (q[k] + eps) / nb;
    psi += (qk - pk) * Math.log(qk / pk);
  }
  const ks = ksStatistic(a, b);
  const ne = (a.length * b.length) / (a.length + b.length);
  const lambda = (Math.sqrt(ne) + 0.12 + 0.11 / Math.sqrt(ne)) * ks;
  return { psi, ks, ksPValue: kolmogorovTail(lambda), bins: p.length };
}

function histogram(sorted: Float64Array, edges: number[]): number[] {
  const h = new Array<number>(edges.length + 1).fill(0);
  let k = 0;
  for (const v of sorted) {
    while (k < edges.length && v > edges[k]) k++;
    h[k]++;
  }
  return h;
}

function ksStatistic(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const v = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === v) i++;
    while (j < b.length && b[j] === v) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/** Q_KS(λ) = 2 Σ (−1)^{k−1} e^{−2k²λ²}. */
function kolmogorovTail(lambda: number): number {
  if (lambda < 0.3) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-12) break;
  }
  return Math.min(1, Math.max(0, sum));
}
