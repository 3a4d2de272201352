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
  // Typed row lists, counted first: a million rows in growing JS arrays would briefly take several times their size.
  const key = strataKey(labels, task);
  const keys = new Float64Array(n);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    keys[i] = key(labels[i]);
    counts.set(keys[i], (counts.get(keys[i]) ?? 0) + 1);
  }
  const strata = [...counts.keys()].sort((a, b) => a - b);
  const groups = strata.map((s) => new Uint32Array(counts.get(s)!));
  const slot = new Map(strata.map((s, g) => [s, g]));
  const filled = new Uint32Array(groups.length);
  for (let i = 0; i < n; i++) {
    const g = slot.get(keys[i])!;
    groups[g][filled[g]++] = i;
  }
  const exact = groups.map((g) => (g.length * k) / n);
  const take = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let left = k - take.reduce((s, t) => s + t, 0), o = 0; left > 0; left--, o++) take[order[o % order.length].i]++;
  const rng = seededRandom(seed);
  const out = new Uint32Array(take.reduce((s, t, g) => s + Math.min(t, groups[g].length), 0));
  let at = 0;
  groups.forEach((rows, g) => {
    for (const j of sampleWithoutReplacement(rows.length, Math.min(take[g], rows.length), rng)) out[at++] = rows[j];
  });
  return out.sort();
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
