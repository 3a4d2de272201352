import { BatchingEvaluator } from '../engine/evaluator/batchingEvaluator';
import { scrambleInitializers, scrambleLeafValues } from '../engine/graph/randomiseWeights';
import { exactShapley } from '../engine/attribution/exactShapley';
import { kernelShap } from '../engine/attribution/kernelShap';
import { backgroundFromRows } from '../engine/attribution/backgroundSample';
import { coversFromData } from '../engine/trees/treeCovers';
import { pathDependentTreeShap, prepareTreeShap } from '../engine/trees/treeShapPathDependent';
import { encodeOnnx } from '../loaders/model/onnxProto';
import { openOnnxModel } from '../loaders/model/onnxModel';
import { OrtPredictor } from '../loaders/model/ortPredictor';
import { planInputs } from '../loaders/model/ioPlan';
import { defaultBackground, treeEnsembleOf, type ExplainMethod, type RowExplanation } from './explainRows';
import type { ModelContext } from './loadModelContext';

/**
 * Attributions of the first `rows` explained rows for the trained model and for a copy with
 * scrambled weights (leaf values of trees, float initializers of other graphs), for the
 * model-randomisation sanity check. Undefined when the model has no weights to scramble.
 */
export async function randomisedAttributions(
  ctx: ModelContext,
  e: RowExplanation,
  method: ExplainMethod,
  rows: number,
  seed: number,
): Promise<{ original: Float64Array[]; randomised: Float64Array[] } | undefined> {
  const d = e.features.length;
  const w = e.outputWidth;
  const rowVector = (values: Float64Array, r: number): Float64Array => {
    const v = new Float64Array(d);
    for (let j = 0; j < d; j++) for (let k = 0; k < w; k++) v[j] += Math.abs(values[(r * d + j) * w + k]);
    return v;
  };
  const split = (ctx.test ?? ctx.train)!;
  const explained = { rows, cols: d, data: e.inputs.subarray(0, rows * d), names: split.matrix.names };
  const original = Array.from({ length: rows }, (_, r) => rowVector(e.values, r));
  if (method === 'treeshap') {
    const t = treeEnsembleOf(ctx);
    if ('reason' in t) return undefined;
    let ens = scrambleLeafValues(t.ensemble, seed);
    if (ens.coverSource === 'none') {
      const src = (ctx.train ?? ctx.test)!.matrix;
      ens = coversFromData(ens, src.data, src.rows);
    }
    const r = pathDependentTreeShap(prepareTreeShap(ens), explained.data, rows);
    const K = r.outputs;
    const randomised = Array.from({ length: rows }, (_, i) => {
      const v = new Float64Array(d);
      for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) v[j] += Math.abs(r.values[(i * K + k) * d + j]);
      return v;
    });
    return { original, randomised };
  }
  const { model, scrambled } = scrambleInitializers(ctx.file.onnx, seed);
  if (scrambled === 0) return undefined;
  const file = await openOnnxModel(ctx.file.path, encodeOnnx(model), { intraOpThreads: 1 });
  try {
    const predictor = new OrtPredictor(file.session, planInputs(ctx.file.path, file.summary.inputs, ctx.features), ctx.outputPlan, d, ctx.dictionaries);
    const evaluator = new BatchingEvaluator(predictor);
    const background = defaultBackground(ctx, Math.min(20, e.rows), seed);
    const bg = backgroundFromRows({ rows: background.rows, cols: background.cols, data: background.data, names: ctx.features });
    const r = method === 'exact' ? await exactShapley(evaluator, explained, bg) : await kernelShap(evaluator, explained, bg, { seed });
    return { original, randomised: Array.from({ length: rows }, (_, i) => rowVector(r.values, i)) };
  } finally {
    await file.session.release();
  }
}
