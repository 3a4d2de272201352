import type { LeakageContext } from '../leakageContext';
import { outputWidthOf, seedOf } from '../leakageContext';
import { modelInputs } from './datasetColumns';
import { sampleIndices, seededRandom, randomPermutation } from './seededRandom';

/**
 * How much the model relies on each feature, as a share of the total (0..1) plus a rank.
 * From ctx.importance when given (e.g. permutation importance, negative values clipped to
 * 0); otherwise a quick permutation test through ctx.evaluate: the mean absolute change of
 * the prediction when one column is shuffled (Fisher, Rudin & Dominici 2019, "model
 * reliance"; label-free, so it works for any task). Undefined without either source.
 */
export interface Reliance {
  readonly share: ReadonlyMap<string, number>;
  /** 1 = most relied on. */
  readonly rank: ReadonlyMap<string, number>;
  readonly source: 'importance' | 'permutation';
}

/** Rows used by the permutation fallback: enough for stable shares, cheap for ORT. */
export const RELIANCE_SAMPLE_ROWS = 1000;

const cache = new WeakMap<LeakageContext, Promise<Reliance | undefined>>();

export function modelReliance(ctx: LeakageContext): Promise<Reliance | undefined> {
  let p = cache.get(ctx);
  if (!p) {
    p = computeReliance(ctx);
    cache.set(ctx, p);
  }
  return p;
}

async function computeReliance(ctx: LeakageContext): Promise<Reliance | undefined> {
  if (ctx.importance) {
    const raw = new Map<string, number>();
    for (const f of ctx.features) raw.set(f, Math.max(0, ctx.importance.get(f) ?? 0));
    return toShares(raw, 'importance');
  }
  if (!ctx.evaluate || ctx.test.rowCount === 0) return undefined;
  const random = seededRandom(seedOf(ctx) + 7);
  const rows = sampleIndices(ctx.test.rowCount, RELIANCE_SAMPLE_ROWS, random);
  const base = modelInputs(ctx.test, ctx.features, rows);
  const n = base.rows;
  const d = base.cols;
  const w = outputWidthOf(ctx);
  const baseline = await ctx.evaluate(base);
  const raw = new Map<string, number>();
  for (let j = 0; j < d; j++) {
    const perm = randomPermutation(n, random);
    const data = base.data.slice();
    for (let i = 0; i < n; i++) data[i * d + j] = base.data[perm[i] * d + j];
    const y = await ctx.evaluate({ ...base, data });
    let change = 0;
    for (let k = 0; k < n * w; k++) change += Math.abs(y[k] - baseline[k]);
    raw.set(ctx.features[j], change / n);
  }
  return toShares(raw, 'permutation');
}

function toShares(raw: Map<string, number>, source: Reliance['source']): Reliance {
  let total = 0;
  for (const v of raw.values()) total += v;
  const share = new Map<string, number>();
  for (const [f, v] of raw) share.set(f, total > 0 ? v / total : 0);
  const rank = new Map<string, number>();
  [...share.entries()].sort((a, b) => b[1] - a[1]).forEach(([f], i) => rank.set(f, i + 1));
  return { share, rank, source };
}
