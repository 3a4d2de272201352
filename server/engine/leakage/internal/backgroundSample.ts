import type { FeatureMatrix } from '../../evaluator/featureMatrix';
import type { LeakageContext } from '../leakageContext';
import { seedOf } from '../leakageContext';
import { modelInputs } from './datasetColumns';
import { sampleIndices, seededRandom } from './seededRandom';

/**
 * Train rows used as the background of partial dependence. 200 rows keep a fine grid
 * affordable (grid × 200 model rows per feature) while the curve's sampling error stays
 * well below the jumps we look for; the seed makes it reproducible.
 */
export const BACKGROUND_ROWS = 200;

const cache = new WeakMap<LeakageContext, FeatureMatrix>();

export function backgroundSample(ctx: LeakageContext): FeatureMatrix {
  let m = cache.get(ctx);
  if (!m) {
    const rows = sampleIndices(ctx.train.rowCount, BACKGROUND_ROWS, seededRandom(seedOf(ctx) + 3));
    m = modelInputs(ctx.train, ctx.features, rows);
    cache.set(ctx, m);
  }
  return m;
}
