import { sampleWithoutReplacement, seededRandom } from '../engine/attribution/random';
import type { Task } from '../results/report';

/** Label strata of a regression target: quantile bins. */
const REGRESSION_STRATA = 10;

/**
 * Row indices (ascending) of a seeded stratified sample of `k` of `labels.length` rows, or
 * undefined when every row fits. Strata: each class (classification), label deciles
 * (regression), and missing labels as one more stratum; each stratum gets its proportional
 * share, rounded by largest remainder (so rare classes keep their rows), drawn uniformly.
 */
export function stratifiedRows(labels: Float64Array, task: Task, k: number, seed: number): Uint32Array | undefined {
  const n = labels.length;
  if (n <= k) return undefined;
  const strata = new Map<number, number[]>();
  const key = strataKey(labels, task);
  for (let i = 0; i < n; i++) {
    const s = key(labels[i]);
    let list = strata.get(s);
    if (!list) strata.set(s, (list = []));
    list.push(i);
  }
  const groups = [...strata.entries()].sort((a, b) => a[0] - b[0]).map(([, rows]) => rows);
  const exact = groups.map((g) => (g.length * k) / n);
  const take = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let left = k - take.reduce((s, t) => s + t, 0), o = 0; left > 0; left--, o++) take[order[o % order.length].i]++;
  const rng = seededRandom(seed);
  const out: number[] = [];
  groups.forEach((rows, g) => {
    for (const j of sampleWithoutReplacement(rows.length, Math.min(take[g], rows.length), rng)) out.push(rows[j]);
  });
  return Uint32Array.from(out).sort();
}

function strataKey(labels: Float64Array, task: Task): (y: number) => number {
  if (task === 'classification') return (y) => (Number.isNaN(y) ? -1 : y);
  const present = Float64Array.from(labels.filter((y) => !Number.isNaN(y))).sort();
  const cuts = Array.from({ length: REGRESSION_STRATA - 1 }, (_, q) => present[Math.floor(((q + 1) * present.length) / REGRESSION_STRATA)] ?? Infinity);
  return (y) => {
    if (Number.isNaN(y)) return -1;
    let b = 0;
    while (b < cuts.length && y > cuts[b]) b++;
    return b;
  };
}
