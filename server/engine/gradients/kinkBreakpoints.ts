/**
 * Where the straight path x' + α (x − x') crosses a kink (a ReLU pre-activation changing
 * sign). Between crossings a ReLU network is smooth along the path (affine before the final
 * activation), so Integrated Gradients integrates each piece with Gauss–Legendre — the same
 * split as the reference's exact IG ("path split at every ReLU sign change"). Crossings are
 * bracketed on a uniform scan of α and located by bisection on the sign pattern; all rows'
 * brackets are evaluated together, one batched run per bisection round.
 */
import type { GradientRunner } from './gradientRunner';
import type { RunStats } from './runChunked';
import { pathPoints, runChunked } from './runChunked';

export interface KinkSearchOptions {
  /** Uniform scan intervals; two crossings of one unit inside one interval can be missed. */
  readonly scanSteps: number;
  /** Bracket width at which bisection stops (in α). */
  readonly tolerance: number;
  /** Cap on breakpoints per row (a safety net for pathological graphs). */
  readonly maxBreakpointsPerRow: number;
  readonly isCancelled?: () => boolean;
}

interface Bracket {
  readonly row: number;
  readonly a: number;
  readonly b: number;
  readonly pa: Uint8Array;
  readonly pb: Uint8Array;
}

function samePattern(p: Uint8Array, q: Uint8Array): boolean {
  for (let k = 0; k < p.length; k++) if (p[k] !== q[k]) return false;
  return true;
}

/** Sorted breakpoints in (0, 1) per row. */
export async function kinkBreakpoints(runner: GradientRunner, x: Float64Array, baseline: Float64Array, rows: number, options: KinkSearchOptions, stats: RunStats): Promise<number[][]> {
  const d = runner.featureCount;
  const K = runner.kinkCount;
  const patternsAt = async (rowAlphas: number[][]): Promise<Uint8Array[]> => {
    const count = rowAlphas.reduce((s, a) => s + a.length, 0);
    const out = await runChunked(runner, pathPoints(x, baseline, d, rowAlphas), count, stats, options.isCancelled);
    const kinks = out.kinks ?? new Uint8Array(count * K);
    return Array.from({ length: count }, (_, i) => kinks.subarray(i * K, (i + 1) * K));
  };
  const G = options.scanSteps;
  const grid = Array.from({ length: G + 1 }, (_, k) => k / G);
  const scan = await patternsAt(Array.from({ length: rows }, () => grid));
  let brackets: Bracket[] = [];
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < G; k++) {
      const pa = scan[r * (G + 1) + k];
      const pb = scan[r * (G + 1) + k + 1];
      if (!samePattern(pa, pb)) brackets.push({ row: r, a: grid[k], b: grid[k + 1], pa, pb });
    }
  }
  const done: Bracket[] = [];
  while (brackets.length) {
    const open = brackets.filter((br) => br.b - br.a > options.tolerance);
    done.push(...brackets.filter((br) => br.b - br.a <= options.tolerance));
    if (!open.length) break;
    // One α per open bracket, grouped by row for pathPoints.
    const perRow: number[][] = Array.from({ length: rows }, () => []);
    for (const br of open) perRow[br.row].push((br.a + br.b) / 2);
    const mids = await patternsAt(perRow);
    const offset = new Array<number>(rows).fill(0);
    const starts: number[] = [];
    let s = 0;
    for (let r = 0; r < rows; r++) {
      starts.push(s);
      s += perRow[r].length;
    }
    const next: Bracket[] = [];
    for (const br of open) {
      const pm = mids[starts[br.row] + offset[br.row]++];
      const m = (br.a + br.b) / 2;
      const leftChanges = !samePattern(br.pa, pm);
      const rightChanges = !samePattern(pm, br.pb);
      if (leftChanges) next.push({ ...br, b: m, pb: pm });
      if (rightChanges) next.push({ ...br, a: m, pa: pm });
    }
    brackets = next;
  }
  const out: number[][] = Array.from({ length: rows }, () => []);
  for (const br of done) out[br.row].push((br.a + br.b) / 2);
  return out.map((b) => b.sort((p, q) => p - q).slice(0, options.maxBreakpointsPerRow));
}
