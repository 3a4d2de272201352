/** Test-only Predictor over a plain JS function (the pure-JS backend of "one spec, every backend"). */
import type { Predictor } from '../../../../server/engine/evaluator/predictor';
import { BatchingEvaluator } from '../../../../server/engine/evaluator/batchingEvaluator';

export type RowFunction = (x: Float32Array) => number | readonly number[];

export function jsPredictor(featureCount: number, f: RowFunction, outputWidth = 1): Predictor {
  return {
    featureCount,
    outputWidth,
    async predictBatch(input: Float32Array, rows: number): Promise<Float64Array> {
      const out = new Float64Array(rows * outputWidth);
      for (let i = 0; i < rows; i++) {
        const y = f(input.subarray(i * featureCount, (i + 1) * featureCount));
        if (typeof y === 'number') out[i] = y;
        else out.set(y, i * outputWidth);
      }
      return out;
    },
  };
}

export function jsEvaluator(featureCount: number, f: RowFunction, outputWidth = 1): BatchingEvaluator {
  return new BatchingEvaluator(jsPredictor(featureCount, f, outputWidth));
}
