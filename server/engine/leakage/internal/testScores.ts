import type { LeakageContext } from '../leakageContext';
import { modelInputs } from './datasetColumns';

/**
 * The model's scores on the test rows: ctx.testPredictions when the shell already has them,
 * otherwise one pass of the test set through ctx.evaluate (cached per context).
 */
const cache = new WeakMap<LeakageContext, Promise<Float64Array | undefined>>();

export function testScores(ctx: LeakageContext): Promise<Float64Array | undefined> {
  if (ctx.testPredictions) return Promise.resolve(ctx.testPredictions);
  let p = cache.get(ctx);
  if (!p) {
    p = ctx.evaluate && ctx.test.rowCount > 0 ? ctx.evaluate(modelInputs(ctx.test, ctx.features)) : Promise.resolve(undefined);
    cache.set(ctx, p);
  }
  return p;
}
