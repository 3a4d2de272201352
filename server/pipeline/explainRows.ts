/**
 * Per-row attributions with any Shapley-family method, in one result shape
 * (ShapleyExplanation: φ[row][feature][output]): the CLI `explain`, the LSP "explain this
 * row" request and the global attribution all go through here.
 *
 * Spaces: TreeSHAP explains the trees' margin (raw score before post_transform), exactly;
 * the model-agnostic methods explain the evaluator's output (probability of the positive
 * class, class probabilities, or the regression value).
 */
import { backgroundFromRows, sampleBackground, type BackgroundSample } from '../engine/attribution/backgroundSample';
import { exactShapley } from '../engine/attribution/exactShapley';
import { kmeansBackground } from '../engine/attribution/kmeansBackground';
import { kernelShap } from '../engine/attribution/kernelShap';
import type { ShapleyExplanation } from '../engine/attribution/shapleyExplanation';
import type { FeatureMatrix } from '../engine/evaluator/featureMatrix';
import { coversFromData } from '../engine/trees/treeCovers';
import { parseTreeEnsemble } from '../engine/trees/treeEnsemble';
import type { TreeEnsemble } from '../engine/trees/treeEnsembleTypes';
import { ensembleMargins } from '../engine/trees/treeMargin';
import { inputsAsModelSees } from '../engine/trees/treeRouting';
import { interventionalTreeShap } from '../engine/trees/treeShapInterventional';
import { pathDependentTreeShap, prepareTreeShap } from '../engine/trees/treeShapPathDependent';
import type { TreeShapResult } from '../engine/trees/treeShapResult';
import type { ModelContext } from './loadModelContext';

export type ExplainMethod = 'treeshap' | 'exact' | 'kernelshap';

/** Background rows summarised for interventional methods (k-means representatives weighted by cluster size). */
export const DEFAULT_BACKGROUND_SIZE = 50;

export interface ExplainRequest {
  readonly method: ExplainMethod;
  readonly rows: FeatureMatrix;
  /** Reference sample; default: k-means summary of the training split (else test). */
  readonly background?: FeatureMatrix;
  readonly backgroundSize?: number;
  /** Coalition evaluations per row (KernelSHAP). */
  readonly budget?: number;
  readonly seed?: number;
  /** TreeSHAP: path-dependent (training covers) or interventional (against the background). */
  readonly treeMode?: 'path-dependent' | 'interventional';
}

export interface RowExplanation extends ShapleyExplanation {
  readonly space: 'margin' | 'probability' | 'value';
  /** The explained rows' features, row-major [rows, d]. */
  readonly inputs: Float64Array;
}

/** The tree ensemble of a model when TreeSHAP applies to it, else the reason it does not. */
export function treeEnsembleOf(ctx: ModelContext): { ensemble: TreeEnsemble } | { reason: string } {
  const parsed = parseTreeEnsemble(ctx.file.onnx);
  if (!parsed.ok) return { reason: parsed.reason };
  const e = parsed.model.ensemble;
  if (e.aggregate !== 'SUM' && e.aggregate !== 'AVERAGE') return { reason: `aggregate_function ${e.aggregate} is not additive` };
  return { ensemble: e };
}

export function defaultBackground(ctx: ModelContext, size = DEFAULT_BACKGROUND_SIZE, seed = 0): BackgroundSample {
  const source = (ctx.train ?? ctx.test)!.matrix;
  if (source.rows <= size) return backgroundFromRows(source, `all ${source.rows} rows of the ${ctx.train ? 'train' : 'test'} split`);
  // k-means on up to 5000 sampled rows keeps the summary fast on large data.
  const pool = source.rows > 5000 ? sampleBackground(source, { size: 5000, seed }) : backgroundFromRows(source);
  const poolMatrix: FeatureMatrix = { rows: pool.rows, cols: pool.cols, data: pool.data, names: source.names };
  const km = kmeansBackground(poolMatrix, { clusters: size, seed });
  return { ...km, description: `k-means summary (${size} weighted rows) of the ${ctx.train ? 'train' : 'test'} split` };
}

export async function explainRows(ctx: ModelContext, req: ExplainRequest): Promise<RowExplanation> {
  const valueSpace = ctx.task === 'regression' ? 'value' : 'probability';
  if (req.method === 'treeshap') {
    const t = treeEnsembleOf(ctx);
    if ('reason' in t) throw new RangeError(`TreeSHAP does not apply to ${ctx.resolved.name}: ${t.reason}. Use --method exact or kernelshap.`);
    return treeShapRows(ctx, t.ensemble, req);
  }
  const background = req.background
    ? backgroundFromRows(req.background, `${req.background.rows} given rows`)
    : defaultBackground(ctx, req.backgroundSize ?? DEFAULT_BACKGROUND_SIZE, req.seed ?? 0);
  const e =
    req.method === 'exact'
      ? await exactShapley(ctx.evaluator, req.rows, background)
      : await kernelShap(ctx.evaluator, req.rows, background, { budget: req.budget, seed: req.seed ?? 0 });
  return { ...e, space: valueSpace, inputs: req.rows.data };
}

function treeShapRows(ctx: ModelContext, ensemble: TreeEnsemble, req: ExplainRequest): RowExplanation {
  const x = req.rows;
  let result: TreeShapResult;
  let background = 'training covers (path-dependent)';
  if (req.treeMode === 'interventional' || req.background) {
    const bg = req.background ?? defaultBackgroundMatrix(ctx, req);
    result = interventionalTreeShap(ensemble, x.data, x.rows, bg.data, bg.rows);
    background = `${bg.rows} background rows (interventional)`;
  } else {
    let e = ensemble;
    if (e.coverSource === 'none') {
      // skl2onnx writes hitrates 1.0: route the training data through the trees for covers.
      const src = (ctx.train ?? ctx.test)!.matrix;
      e = coversFromData(e, src.data, src.rows);
      background = `covers from routing ${src.rows} ${ctx.train ? 'train' : 'test'} rows (path-dependent)`;
    }
    result = pathDependentTreeShap(prepareTreeShap(e), x.data, x.rows);
  }
  const d = x.cols;
  const w = result.outputs;
  // TreeSHAP lays out [rows, outputs, features]; the shared shape is [rows, features, outputs].
  const values = new Float64Array(x.rows * d * w);
  for (let r = 0; r < x.rows; r++) for (let k = 0; k < w; k++) for (let j = 0; j < d; j++) values[(r * d + j) * w + k] = result.values[(r * w + k) * d + j];
  const prediction = ensembleMargins(ensemble, inputsAsModelSees(ensemble, x.data), x.rows);
  return {
    method: req.treeMode === 'interventional' || req.background ? 'treeshap-interventional' : 'treeshap',
    features: x.names,
    rows: x.rows,
    outputWidth: w,
    baseValue: Float64Array.from(result.baseValues),
    values,
    prediction,
    evaluationsPerRow: 0,
    background,
    space: 'margin',
    inputs: x.data,
  };
}

/** Interventional TreeSHAP weighs background rows equally: a uniform seeded sample, not k-means. */
function defaultBackgroundMatrix(ctx: ModelContext, req: ExplainRequest): FeatureMatrix {
  const source = (ctx.train ?? ctx.test)!.matrix;
  const size = req.backgroundSize ?? DEFAULT_BACKGROUND_SIZE;
  const bg = source.rows <= size ? backgroundFromRows(source) : sampleBackground(source, { size, seed: req.seed ?? 0 });
  return { rows: bg.rows, cols: bg.cols, data: bg.data, names: ctx.features };
}
