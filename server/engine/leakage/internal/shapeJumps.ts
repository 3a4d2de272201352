import type { PartialDependence } from './partialDependence';

/**
 * Steps of a partial-dependence curve on an evenly spaced grid: J(x) = PD(x + w) − PD(x − w),
 * the change across a small window. A treatment threshold shows as a step *against* the
 * curve's overall trend at a round number; ordinary model wiggles show at arbitrary places.
 */
export interface JumpAt {
  /** Counter-trend step (> 0 = the curve moves against its trend across the window). */
  readonly counter: number;
  /** Same, in each half of the background (stability). */
  readonly counterA: number;
  readonly counterB: number;
  readonly from: number;
  readonly to: number;
}

export function jumpAt(pd: PartialDependence, centre: number, halfWindowSteps: number, trend: number): JumpAt | undefined {
  const g = pd.grid;
  const step = g.length > 1 ? g[1] - g[0] : 1;
  const k = Math.round((centre - g[0]) / step);
  const lo = k - halfWindowSteps;
  const hiIdx = k + halfWindowSteps;
  if (lo < 0 || hiIdx >= g.length) return undefined;
  return {
    counter: -trend * (pd.mean[hiIdx] - pd.mean[lo]),
    counterA: -trend * (pd.halfA[hiIdx] - pd.halfA[lo]),
    counterB: -trend * (pd.halfB[hiIdx] - pd.halfB[lo]),
    from: g[lo],
    to: g[hiIdx],
  };
}

/** Overall direction of the curve between two grid positions: +1, −1 or 0. */
export function curveTrend(pd: PartialDependence, fromIdx: number, toIdx: number): number {
  const d = pd.mean[toIdx] - pd.mean[fromIdx];
  return d > 0 ? 1 : d < 0 ? -1 : 0;
}

export function curveRange(pd: PartialDependence): number {
  let min = Infinity;
  let max = -Infinity;
  for (const v of pd.mean) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return max - min;
}
