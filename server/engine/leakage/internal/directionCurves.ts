import type { LeakageContext } from '../leakageContext';
import { hasScalarOutput } from '../leakageContext';
import { backgroundSample } from './backgroundSample';
import { pooledLabels, pooledNumbers } from './datasetColumns';
import { rangeContrast } from './windowContrast';
import { partialDependence, type PartialDependence } from './partialDependence';
import { distinctCount, quantileSorted, sortedPresent, spearman } from './sortedStats';

/**
 * For every feature with a declared expected direction: its partial-dependence curve on a
 * quantile grid and the worst stretch that runs against the expectation (the largest
 * "drawdown" in the expected direction). Shared by goodhart.counterintuitive (effect
 * reversed overall or over a wide range, Caruana et al. 2015's asthma patients) and
 * goodhart.monotonicity (local violations); computed once per context.
 */
export interface DirectionCurve {
  readonly feature: string;
  readonly direction: 1 | -1;
  readonly pd: PartialDependence;
  /** Quantile (0..1) of each grid point in the data. */
  readonly quantiles: Float64Array;
  /** direction × (last − first): < 0 means reversed overall. */
  readonly net: number;
  readonly netHalves: readonly [number, number];
  readonly range: number;
  /** Largest move against the expectation between grid points a < b, and the same window in each half. */
  readonly drawdown: { readonly size: number; readonly from: number; readonly to: number; readonly quantileSpan: number; readonly halves: readonly [number, number] };
  /**
   * Do the data show the same reversal? z of the observed outcome against the expectation:
   * overall = Spearman association; drawdown = the grid cell ending at `from` vs the one
   * starting at `to`. Large positive = the data move against the expectation too.
   */
  readonly dataAgainstZ: { readonly overall: number; readonly drawdown: number };
}

export const GRID_QUANTILES = 21;

const cache = new WeakMap<LeakageContext, Promise<DirectionCurve[]>>();

export function directionCurves(ctx: LeakageContext): Promise<DirectionCurve[]> {
  let p = cache.get(ctx);
  if (!p) {
    p = compute(ctx);
    cache.set(ctx, p);
  }
  return p;
}

async function compute(ctx: LeakageContext): Promise<DirectionCurve[]> {
  const evaluate = ctx.evaluate;
  if (!evaluate || !hasScalarOutput(ctx)) return [];
  const out: DirectionCurve[] = [];
  const labels = pooledLabels(ctx);
  const binary = ctx.task === 'classification';
  for (const [feature, expected] of Object.entries(ctx.expect)) {
    const j = ctx.features.indexOf(feature);
    const x = pooledNumbers(ctx.train, ctx.test, feature);
    if (j < 0 || !x) continue;
    const sorted = sortedPresent(x);
    if (sorted.length < 2) continue;
    const grid = gridOf(sorted);
    if (grid.length < 2) continue;
    const pd = await partialDependence(evaluate, backgroundSample(ctx), j, grid);
    const direction = expected === 'increasing' ? 1 : -1;
    const last = grid.length - 1;
    const dd = worstDrawdown(pd, direction, sorted);
    out.push({
      feature,
      direction,
      pd,
      quantiles: Float64Array.from(grid, (g) => quantileOf(sorted, g)),
      net: direction * (pd.mean[last] - pd.mean[0]),
      netHalves: [direction * (pd.halfA[last] - pd.halfA[0]), direction * (pd.halfB[last] - pd.halfB[0])],
      range: Math.max(...pd.mean) - Math.min(...pd.mean),
      drawdown: dd,
      dataAgainstZ: {
        overall: -direction * spearmanZ(x, labels),
        drawdown: -direction * cellContrast(x, labels, grid, grid.indexOf(dd.from), grid.indexOf(dd.to), binary),
      },
    });
  }
  return out;
}

/**
 * z of (outcome for x in [grid[b], grid[b+1])) − (outcome for x in [grid[a−1], grid[a]]):
 * the data just past the end of a dip against the data at its start. Open-ended at the ends.
 */
function cellContrast(x: Float64Array, y: Float64Array, grid: Float64Array, a: number, b: number, binary: boolean): number {
  if (a < 0 || b < 0 || a >= b) return 0;
  const up = (v: number): number => v + 1e-9 * Math.max(1, Math.abs(v));
  const below: [number, number] = [a > 0 ? up(grid[a - 1]) : -Infinity, up(grid[a])];
  const above: [number, number] = [grid[b], b < grid.length - 1 ? grid[b + 1] : Infinity];
  return rangeContrast(x, y, below, above, binary).z;
}

/** Spearman ρ as an approximate z (ρ·√(n−1)), the overall association of x with y. */
function spearmanZ(x: Float64Array, y: Float64Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) n++;
  return spearman(x, y) * Math.sqrt(Math.max(0, n - 1));
}

/** Distinct values for discrete features (flags, counts), otherwise 2%..98% quantiles. */
function gridOf(sorted: Float64Array): Float64Array {
  if (distinctCount(sorted) <= GRID_QUANTILES) return Float64Array.from(new Set(sorted));
  const g: number[] = [];
  for (let k = 0; k < GRID_QUANTILES; k++) {
    const v = quantileSorted(sorted, 0.02 + (0.96 * k) / (GRID_QUANTILES - 1));
    if (g.length === 0 || v > g[g.length - 1]) g.push(v);
  }
  return Float64Array.from(g);
}

function quantileOf(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo / sorted.length;
}

function worstDrawdown(pd: PartialDependence, direction: 1 | -1, sorted: Float64Array): DirectionCurve['drawdown'] {
  const y = pd.mean;
  let best = { size: 0, a: 0, b: 0 };
  let peak = 0; // index of the highest point (in the expected direction) so far
  for (let k = 1; k < y.length; k++) {
    if (direction * y[k] > direction * y[peak]) peak = k;
    const drop = direction * (y[peak] - y[k]);
    if (drop > best.size) best = { size: drop, a: peak, b: k };
  }
  const g = pd.grid;
  return {
    size: best.size,
    from: g[best.a],
    to: g[best.b],
    quantileSpan: quantileOf(sorted, g[best.b]) - quantileOf(sorted, g[best.a]),
    halves: [direction * (pd.halfA[best.a] - pd.halfA[best.b]), direction * (pd.halfB[best.a] - pd.halfB[best.b])],
  };
}
