import type { ExplainRowResult } from '../../protocol/protocol';
import { EXACT_SHAPLEY_MAX_FEATURES } from '../engine/attribution/exactShapley';
import { matrixRows } from '../engine/evaluator/featureMatrix';
import { explainRows, treeEnsembleOf, type ExplainMethod } from '../pipeline/explainRows';
import type { ModelContext } from '../pipeline/loadModelContext';

/**
 * One data row of `data` (a split of the model's context) explained with `method`; `auto`
 * picks TreeSHAP for tree ensembles, exact Shapley for d ≤ 14, else KernelSHAP (the CLI's
 * `explain` choice). Multiclass models explain the predicted class.
 */
export async function explainOneRow(ctx: ModelContext, data: string, row: number, method: 'auto' | ExplainMethod): Promise<ExplainRowResult> {
  const split = [ctx.test, ctx.train].find((s) => s?.path === data);
  if (!split) throw new Error(`${data} is not a data file of model ${ctx.resolved.name}`);
  if (!Number.isInteger(row) || row < 0 || row >= split.matrix.rows) throw new RangeError(`row ${row} is outside ${data} (${split.matrix.rows} data rows)`);
  const chosen: ExplainMethod =
    method !== 'auto' ? method : !('reason' in treeEnsembleOf(ctx)) ? 'treeshap' : ctx.features.length <= EXACT_SHAPLEY_MAX_FEATURES ? 'exact' : 'kernelshap';
  const x = matrixRows(split.matrix, [row]);
  const e = await explainRows(ctx, { method: chosen, rows: x, seed: 0 });
  const d = e.features.length;
  const w = e.outputWidth;
  let k = 0;
  if (w > 1) for (let j = 1; j < w; j++) if (e.prediction[j] > e.prediction[k]) k = j;
  const attributions = Array.from({ length: d }, (_, j) => e.values[j * w + k]);
  const prediction = e.prediction[k];
  const baseValue = e.baseValue[k];
  const sum = attributions.reduce((s, v) => s + v, baseValue);
  const featureValues = ctx.features.map((_, j) => {
    const v = x.data[j];
    if (Number.isNaN(v)) return null;
    const dict = ctx.dictionaries[j];
    return dict && Number.isInteger(v) && v >= 0 && v < dict.length ? dict[v] : v;
  });
  return {
    model: ctx.resolved.name,
    data,
    row,
    method: e.method,
    space: e.space,
    features: e.features,
    featureValues,
    attributions,
    baseValue,
    prediction,
    ...(w > 1 ? { output: ctx.classes?.[k] ?? String(k) } : {}),
    evaluationsPerRow: e.evaluationsPerRow,
    efficiencyGap: Math.abs(sum - prediction),
  };
}
