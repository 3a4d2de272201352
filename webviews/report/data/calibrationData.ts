/** Reliability diagram points (pure). */
import type { CalibrationBin } from '../../shared/reportModel';

export interface ReliabilityPoint {
  readonly x: number;
  readonly y: number;
  /** Point radius in px, by √count so area tracks the number of rows. */
  readonly r: number;
  readonly count: number;
}

const MIN_RADIUS = 2;
const MAX_RADIUS = 12;

export function reliabilityPoints(bins: readonly CalibrationBin[]): ReliabilityPoint[] {
  const max = Math.max(1, ...bins.map((b) => b.count));
  return bins.filter((b) => b.count > 0).map((b) => ({ x: b.meanPredicted, y: b.observed, count: b.count, r: MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(b.count / max) }));
}
