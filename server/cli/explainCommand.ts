import { writeFile } from 'node:fs/promises';
import { limeTabular } from '../engine/attribution/limeTabular';
import { matrixRows, type FeatureMatrix } from '../engine/evaluator/featureMatrix';
import { loadDataset } from '../loaders/data/loadDataset';
import { buildFeatureMatrix } from '../pipeline/buildFeatureMatrix';
import { groupOneHot } from '../pipeline/groupOneHot';
import { explainRows, treeEnsembleOf, type ExplainMethod, type RowExplanation } from '../pipeline/explainRows';
import { loadModelContext, type ModelContext } from '../pipeline/loadModelContext';
import { REPORT_VERSION } from '../pipeline/checkWorkspace';
import { baselineVector } from '../engine/gradients/baselines';
import { integratedGradients } from '../engine/gradients/integratedGradients';
import { openGradientRunner } from '../engine/gradients/openGradientRunner';
import { parseRows, UsageError, type ExplainArgs } from './args';
import { csvField } from './formatters/escape';
import { resolveModelArg } from './resolveModelArg';

/** Features above which exact enumeration (2^d coalitions) gives way to KernelSHAP under `auto`. */
const EXACT_MAX_FEATURES = 14;

export interface ExplainOutput {
  version: string;
  model: string;
  data: string;
  method: string;
  space: string;
  baseValue: number | number[];
  features: readonly string[];
  rows: { row: number; prediction: number | number[]; attributions: Record<string, number | number[]> }[];
  quality: Record<string, unknown>;
}

/** `explain`: per-row attributions (README "CLI explain"). */
export async function runExplain(args: ExplainArgs): Promise<number> {
  const resolved = await resolveModelArg({ folder: args.folder, model: args.model!, data: args.data });
  const ctx = await loadModelContext(resolved, { allowMissingTarget: true });
  try {
    const split = ctx.test ?? ctx.train!;
    const rows = parseRows(args.rows, split.matrix.rows);
    const method = pickMethod(ctx, args.method);
    const x = matrixRows(split.matrix, rows);
    const background = args.background ? await loadBackground(args.background, ctx) : undefined;
    const out =
      method === 'lime'
        ? await limeOutput(ctx, x, rows, args)
        : method === 'ig'
          ? await igOutput(ctx, x, rows, args, background)
          : await shapleyOutput(ctx, x, rows, method, args, background);
    const text = args.format === 'csv' ? toCsv(out) : JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1);
    if (args.out) await writeFile(args.out, text);
    else process.stdout.write(`${text}\n`);
    return 0;
  } finally {
    await ctx.evaluator.dispose();
  }
}

function pickMethod(ctx: ModelContext, requested: string): ExplainMethod | 'lime' | 'ig' {
  if (requested === 'permutation') {
    throw new UsageError('--method permutation is a global importance (see `check`); per row use treeshap, exact, kernelshap, lime or ig');
  }
  if (requested === 'ig' || requested === 'lime' || requested === 'treeshap' || requested === 'exact' || requested === 'kernelshap') return requested;
  if (!('reason' in treeEnsembleOf(ctx))) return 'treeshap';
  return ctx.features.length <= EXACT_MAX_FEATURES ? 'exact' : 'kernelshap';
}

async function shapleyOutput(ctx: ModelContext, x: FeatureMatrix, rows: number[], method: ExplainMethod, args: ExplainArgs, background: FeatureMatrix | undefined): Promise<ExplainOutput> {
  if (args.space === 'probability' && method === 'treeshap') {
    throw new UsageError('TreeSHAP explains the margin (raw score) exactly; for probability-space values use --method exact or kernelshap');
  }
  if (args.space === 'margin' && method !== 'treeshap' && ctx.task === 'classification') {
    throw new UsageError(`${method} explains the model's probability output; margin-space values need --method treeshap on a tree ensemble`);
  }
  let e: RowExplanation;
  try {
    e = groupOneHot(await explainRows(ctx, { method, rows: x, background, budget: args.budget, seed: args.seed }), ctx.resolved.oneHot);
  } catch (err) {
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  }
  const d = e.features.length;
  const w = e.outputWidth;
  const pick = (arr: ArrayLike<number>, offset: number): number | number[] => (w === 1 ? arr[offset] : Array.from({ length: w }, (_, k) => arr[offset + k]));
  return {
    version: REPORT_VERSION,
    model: ctx.resolved.modelPath,
    data: (ctx.test ?? ctx.train)!.path,
    method: e.method,
    space: e.space,
    baseValue: pick(e.baseValue, 0),
    features: e.features,
    rows: rows.map((row, i) => ({
      row,
      prediction: pick(e.prediction, i * w),
      attributions: Object.fromEntries(e.features.map((f, j) => [f, pick(e.values, (i * d + j) * w)])),
    })),
    quality: { evaluationsPerRow: e.evaluationsPerRow, background: e.background, ...efficiency(e) },
  };
}

/** Worst |Σφ + base − f(x)| over rows and outputs: 0 up to rounding for exact methods. */
function efficiency(e: RowExplanation): { efficiencyMaxAbsError: number } {
  const d = e.features.length;
  const w = e.outputWidth;
  let worst = 0;
  for (let r = 0; r < e.rows; r++) {
    for (let k = 0; k < w; k++) {
      let s = e.baseValue[k];
      for (let j = 0; j < d; j++) s += e.values[(r * d + j) * w + k];
      worst = Math.max(worst, Math.abs(s - e.prediction[r * w + k]));
    }
  }
  return { efficiencyMaxAbsError: worst };
}

async function limeOutput(ctx: ModelContext, x: FeatureMatrix, rows: number[], args: ExplainArgs): Promise<ExplainOutput> {
  if (ctx.evaluator.outputWidth !== 1) throw new UsageError('LIME here explains one output; use --method exact or kernelshap for multiclass models');
  const train = (ctx.train ?? ctx.test)!.matrix;
  const out: ExplainOutput['rows'] = [];
  let scoreSum = 0;
  for (let i = 0; i < x.rows; i++) {
    const lime = await limeTabular(ctx.evaluator, train, x.data.subarray(i * x.cols, (i + 1) * x.cols), { seed: args.seed, samples: args.budget });
    scoreSum += lime.score;
    out.push({ row: rows[i], prediction: lime.modelPrediction, attributions: Object.fromEntries(lime.features.map((f, j) => [f, lime.coefficients[j]])) });
  }
  return {
    version: REPORT_VERSION,
    model: ctx.resolved.modelPath,
    data: (ctx.test ?? ctx.train)!.path,
    method: 'lime',
    space: ctx.task === 'regression' ? 'value' : 'probability',
    baseValue: NaN,
    features: ctx.features,
    rows: out,
    quality: { meanSurrogateR2: scoreSum / Math.max(1, x.rows), note: 'LIME coefficients of the local surrogate (weight of being in the row’s bin), not Shapley values' },
  };
}

/**
 * Integrated Gradients (Sundararajan et al. 2017) through the model's own gradient graph,
 * or central finite differences when an operator has no gradient rule (then the
 * completeness gap tells how far to trust it). Baseline: the mean of the background.
 */
async function igOutput(ctx: ModelContext, x: FeatureMatrix, rows: number[], args: ExplainArgs, background: FeatureMatrix | undefined): Promise<ExplainOutput> {
  const input = ctx.file.summary.inputs;
  if (input.length !== 1) throw new UsageError('--method ig needs a model with one [N, d] input tensor');
  const plan = ctx.outputPlan;
  const column = plan.kind === 'value' ? 0 : ctx.evaluator.outputWidth === 1 ? plan.positive : 0;
  if (ctx.evaluator.outputWidth > 1) throw new UsageError('--method ig explains one output; multiclass models: use exact or kernelshap');
  const margin = args.space === 'margin';
  const opened = await openGradientRunner(ctx.file.onnx, input[0].name, { output: plan.output, column, beforeActivation: margin }, { fallback: { evaluator: ctx.evaluator, column: 0 } });
  try {
    const bg = background ?? (ctx.train ?? ctx.test)!.matrix;
    const baseline = baselineVector({ kind: 'mean', background: bg.data, rows: bg.rows }, x.cols);
    const ig = await integratedGradients(opened.runner, x.data, x.rows, { baseline, ...(margin ? {} : { forward: { evaluator: ctx.evaluator, column: 0 } }) });
    const d = x.cols;
    return {
      version: REPORT_VERSION,
      model: ctx.resolved.modelPath,
      data: (ctx.test ?? ctx.train)!.path,
      method: 'ig',
      space: margin ? 'margin' : ctx.task === 'regression' ? 'value' : 'probability',
      baseValue: ig.fBaseline[0],
      features: ctx.features,
      rows: rows.map((row, i) => ({ row, prediction: ig.fx[i], attributions: Object.fromEntries(ctx.features.map((f, j) => [f, ig.attributions[i * d + j]])) })),
      quality: {
        gradientSource: ig.gradientSource,
        ...(opened.fallbackReason ? { fallbackReason: opened.fallbackReason } : {}),
        quadrature: ig.quadrature,
        evaluationsPerRow: ig.pointsPerRow,
        baseline: `mean of ${bg.rows} ${background ? 'background' : ctx.train ? 'train' : 'test'} rows (the base value is f(baseline))`,
        completenessWorstGap: ig.completeness.worstGap,
        completenessOk: ig.completeness.ok,
        ...(ig.completeness.ok ? {} : { completenessMessage: ig.completeness.message }),
      },
    };
  } finally {
    await opened.runner.dispose?.();
  }
}

/** CSV for spreadsheets: feature names are neutralised against formula injection and quoted (escape.ts). */
function toCsv(out: ExplainOutput): string {
  const header = ['row', 'prediction', 'base_value', ...out.features];
  const cell = (v: number | number[] | undefined): string => csvField(Array.isArray(v) ? v.join(';') : String(v ?? ''));
  const lines = [header.map(csvField).join(',')];
  for (const r of out.rows) lines.push([String(r.row), cell(r.prediction), cell(out.baseValue), ...out.features.map((f) => cell(attributionAt(r.attributions, f)))].join(','));
  return lines.join('\n');
}

/** An attribution by feature name, read as an own property only (a feature may be called `__proto__` or `constructor`). */
function attributionAt(attributions: Record<string, number | number[]>, feature: string): number | number[] | undefined {
  return Object.prototype.hasOwnProperty.call(attributions, feature) ? attributions[feature] : undefined;
}

async function loadBackground(path: string, ctx: ModelContext): Promise<FeatureMatrix> {
  const data = await loadDataset(path, { categorical: ctx.resolved.categorical });
  return buildFeatureMatrix(data, ctx.features, new Set());
}
