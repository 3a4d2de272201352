/** Shape-curve data: PDP with an ICE band, ALE, and round-number threshold markers (pure). */
import type { WireFinding } from '../../../protocol/protocol';
import type { ShapeCurve } from '../../shared/reportModel';
import { isNum } from '../../shared/reportModel';

export interface ShapePanel {
  readonly feature: string;
  readonly output?: string;
  readonly pdp?: ShapeCurve;
  readonly ale?: ShapeCurve;
  /** Categorical: the grid's display names. */
  readonly labels?: readonly string[];
}

/** PDP and ALE curves grouped per feature (and per class for multiclass), in report order. */
export function shapePanels(curves: readonly ShapeCurve[]): ShapePanel[] {
  const panels = new Map<string, { feature: string; output?: string; pdp?: ShapeCurve; ale?: ShapeCurve; labels?: readonly string[] }>();
  for (const c of curves) {
    const key = `${c.feature}\u0000${c.output ?? ''}`;
    const p = panels.get(key) ?? { feature: c.feature, ...(c.output !== undefined ? { output: c.output } : {}) };
    if (c.kind === 'pdp') p.pdp = c;
    else if (c.kind === 'ale') p.ale = c;
    if (c.labels) p.labels = c.labels;
    panels.set(key, p);
  }
  return [...panels.values()];
}

export interface Band {
  readonly lower: number[];
  readonly upper: number[];
}

/** Quantile q (0..1) of a sample by linear interpolation between order statistics. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/** The [q, 1−q] quantiles of the ICE lines at each grid point: where most rows' curves run. */
export function iceBand(ice: readonly (readonly number[])[], q: number, gridLength: number): Band {
  const lower: number[] = [];
  const upper: number[] = [];
  for (let j = 0; j < gridLength; j++) {
    const col = ice.map((line) => line[j]).filter((v): v is number => isNum(v) && Number.isFinite(v)).sort((a, b) => a - b);
    lower.push(quantile(col, q));
    upper.push(quantile(col, 1 - q));
  }
  return { lower, upper };
}

export interface ThresholdMarker {
  readonly value: number;
  readonly label: string;
}

/** Round-number thresholds that goodhart.threshold findings name for `feature`. */
export function thresholdMarkers(findings: readonly WireFinding[], feature: string): ThresholdMarker[] {
  return findings
    .filter((f) => f.id === 'goodhart.threshold' && (f.feature === feature || f.features?.includes(feature)) && isNum(f.evidence.threshold))
    .map((f) => ({ value: f.evidence.threshold as number, label: `round number ${f.evidence.threshold as number}` }));
}

/** Index of a categorical/numeric grid value on the chart's x axis; numeric grids use the value itself. */
export function isNumericGrid(c: ShapeCurve): boolean {
  return !c.labels && c.grid.every((g) => typeof g === 'number');
}
