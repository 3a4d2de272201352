import type { LeakageContext } from '../leakageContext';
import { seedOf } from '../leakageContext';
import { modelInputs } from './datasetColumns';
import { sampleIndices, seededRandom } from './seededRandom';
import { DECISION_THRESHOLD } from './groupMetrics';

/**
 * Counterfactual flip test (Kusner et al. 2017 in its simplest, "swap the attribute"
 * form): set a sensitive *input* to another group's value, keep everything else, and count
 * decisions that change. Says nothing about proxies (that is leak.proxy); says whether the
 * model uses the attribute directly.
 */
export const FLIP_SAMPLE_ROWS = 2000;

export interface FlipResult {
  readonly rows: number;
  readonly flips: number;
  readonly meanAbsChange: number;
}

export async function counterfactualFlips(ctx: LeakageContext, attribute: string, groupValues: readonly number[]): Promise<FlipResult | undefined> {
  const j = ctx.features.indexOf(attribute);
  if (j < 0 || !ctx.evaluate || groupValues.length < 2) return undefined;
  const rows = sampleIndices(ctx.test.rowCount, FLIP_SAMPLE_ROWS, seededRandom(seedOf(ctx) + 17));
  const base = modelInputs(ctx.test, ctx.features, rows);
  const d = base.cols;
  const y0 = await ctx.evaluate(base);
  let flips = 0;
  let change = 0;
  let total = 0;
  for (const v of groupValues) {
    const data = base.data.slice();
    const touched: number[] = [];
    for (let i = 0; i < base.rows; i++) {
      if (data[i * d + j] === v || Number.isNaN(data[i * d + j])) continue;
      data[i * d + j] = v;
      touched.push(i);
    }
    if (touched.length === 0) continue;
    const y1 = await ctx.evaluate({ ...base, data });
    for (const i of touched) {
      total++;
      change += Math.abs(y1[i] - y0[i]);
      if (y1[i] >= DECISION_THRESHOLD !== y0[i] >= DECISION_THRESHOLD) flips++;
    }
  }
  return total ? { rows: total, flips, meanAbsChange: change / total } : undefined;
}
