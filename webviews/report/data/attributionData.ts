/** Chart data of the Attribution section, from the report's attribution summary (pure). */
import type { Attribution, Importance, Interval } from '../../shared/reportModel';

export interface Bars {
  readonly labels: readonly string[];
  readonly values: readonly number[];
  readonly intervals: readonly (Interval | null)[];
}

/** Global importance, most important first, with 95% CIs where the engine computed them. */
export function importanceBars(global: readonly Importance[]): Bars {
  const sorted = [...global].sort((a, b) => b.importance - a.importance);
  return { labels: sorted.map((g) => g.feature), values: sorted.map((g) => g.importance), intervals: sorted.map((g) => g.ci ?? null) };
}

export interface BeeswarmPoint {
  /** φ of the row for this feature. */
  readonly x: number;
  /** Feature index (0 = most important) plus a deterministic offset so points do not overlap. */
  readonly y: number;
  /** The feature value's position on the colour scale, 0 (low) .. 1 (high); null when missing. */
  readonly t: number | null;
  readonly value: number | null;
}

/** Half-height of a feature's row in the swarm (rows are 1 apart). */
const SWARM_HALF_HEIGHT = 0.4;
/** Horizontal resolution of the swarm: points within 1/BUCKETS of the φ range stack vertically. */
const SWARM_BUCKETS = 80;

/**
 * Beeswarm points, one row per feature in `order` (features absent from the sample are
 * skipped). Points in the same φ bucket fan out alternately above and below the row's line.
 */
export function beeswarmPoints(bees: NonNullable<Attribution['beeswarm']>, order: readonly string[]): { features: string[]; points: BeeswarmPoint[][] } {
  const features = order.filter((f) => bees.features.includes(f));
  let lo = Infinity;
  let hi = -Infinity;
  for (const row of bees.values) for (const v of row) if (Number.isFinite(v)) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  const width = hi > lo ? (hi - lo) / SWARM_BUCKETS : 1;
  const points = features.map((f, fi) => {
    const j = bees.features.indexOf(f);
    const raw = bees.values.map((row, r) => ({ x: row[j], value: bees.featureValues[r]?.[j] ?? null })).filter((p) => Number.isFinite(p.x));
    const pct = colourPositions(raw.map((p) => p.value));
    const counts = new Map<number, number>();
    const maxStack = Math.max(1, ...bucketCounts(raw.map((p) => p.x), lo, width));
    const step = SWARM_HALF_HEIGHT / Math.ceil(maxStack / 2);
    return raw.map((p, k): BeeswarmPoint => {
      const b = Math.floor((p.x - lo) / width);
      const n = counts.get(b) ?? 0;
      counts.set(b, n + 1);
      const offset = n === 0 ? 0 : (n % 2 ? 1 : -1) * Math.ceil(n / 2) * step;
      return { x: p.x, y: fi + offset, t: pct[k], value: p.value };
    });
  });
  return { features, points };
}

function bucketCounts(xs: readonly number[], lo: number, width: number): number[] {
  const c = new Map<number, number>();
  for (const x of xs) {
    const b = Math.floor((x - lo) / width);
    c.set(b, (c.get(b) ?? 0) + 1);
  }
  return [...c.values()];
}

/** Quantiles of the colour scale: like SHAP's beeswarm, the 5th–95th percentile span maps to low → high. */
const COLOUR_LOW_Q = 0.05;
const COLOUR_HIGH_Q = 0.95;

/**
 * Each value's position on the colour scale, 0..1: (v − p5) / (p95 − p5), clipped; the full
 * range when p5 = p95 (binary or near-constant features); null when missing.
 */
export function colourPositions(values: readonly (number | null)[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (present.length === 0) return values.map(() => null);
  const at = (q: number): number => present[Math.min(present.length - 1, Math.max(0, Math.round(q * (present.length - 1))))];
  let lo = at(COLOUR_LOW_Q);
  let hi = at(COLOUR_HIGH_Q);
  if (hi <= lo) (lo = present[0]), (hi = present[present.length - 1]);
  return values.map((v) => (v === null || !Number.isFinite(v) ? null : hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5));
}

export interface MethodRow {
  readonly feature: string;
  /** Rank by the main method (1 = most important). */
  readonly rank: number;
  /** Per other method: its rank of this feature. */
  readonly others: Readonly<Record<string, number | undefined>>;
}

/** Rank of each feature by the main method and by every other method the engine ran. */
export function methodRanks(a: Attribution): { methods: string[]; rows: MethodRow[] } {
  const rankOf = (list: readonly Importance[]): Map<string, number> => new Map([...list].sort((x, y) => y.importance - x.importance).map((g, i) => [g.feature, i + 1]));
  const main = rankOf(a.global);
  const methods = Object.keys(a.methods ?? {});
  const others = methods.map((m) => rankOf(a.methods?.[m] ?? []));
  const rows = [...main.entries()].sort((x, y) => x[1] - y[1]).map(([feature, rank]) => ({ feature, rank, others: Object.fromEntries(methods.map((m, i) => [m, others[i].get(feature)])) }));
  return { methods, rows };
}
