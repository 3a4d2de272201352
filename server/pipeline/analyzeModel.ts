import { relative } from 'node:path';
import type { ResolvedModel } from '../discovery/resolvedModel';
import type { AnalysisSettings } from '../discovery/configFile';
import type { Finding } from '../results/finding';
import type { CalibrationCurve, ModelReport, SplitMetrics, SplitSampling } from '../results/report';
import { applyIgnores } from './applyIgnores';
import { loadModelContext, type ModelContext } from './loadModelContext';
import { calibrationCurve, splitMetrics } from './splitMetrics';
import { attributionStage } from './attributionStage';
import { leakageStage } from './leakageStage';
import { LEAKAGE_ROWS } from './leakageSample';
import { shapesStage } from './shapesStage';
import { slicesStage, type SlicesStageResult } from './slicesStage';
import { savedSlicesStage } from './savedSlicesStage';

export interface AnalyzeOptions {
  readonly settings: AnalysisSettings;
  readonly isCancelled?: () => boolean;
  readonly onProgress?: (message: string) => void;
  readonly threads?: number;
  /** The model's modeldiag.json as discovery read it (the editor's text when open): saved slices are located in it. */
  readonly configText?: string;
}

/** Runs every analysis of one model and returns its report (paths relative to `root`). */
export async function analyzeModel(root: string, resolved: ResolvedModel, options: AnalyzeOptions): Promise<{ report: ModelReport; context: ModelContext }> {
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      timings[name] = Math.round((performance.now() - t0) * 10) / 10;
    }
  };
  options.onProgress?.(`loading ${resolved.name}`);
  const ctx = await timed('load', () =>
    loadModelContext(resolved, { isCancelled: options.isCancelled, threads: options.threads, modelRows: options.settings.maxRows, seed: options.settings.seed }),
  );
  const metrics: Record<string, SplitMetrics> = {};
  const calibration: Record<string, CalibrationCurve> = {};
  const predictions: { train?: Float64Array; test?: Float64Array } = {};
  options.onProgress?.(`predicting ${resolved.name}`);
  await timed('predict', async () => {
    for (const split of [ctx.test, ctx.train]) {
      if (!split) continue;
      const scores = await ctx.evaluator.predictSource(split.rowSource); // every row, not the model sample
      predictions[split.name] = scores;
      metrics[split.name] = splitMetrics(ctx.task, split.labels, scores, ctx.evaluator.outputWidth, ctx.positive);
      if (ctx.task === 'classification' && ctx.evaluator.outputWidth === 1) calibration[split.name] = calibrationCurve(split.labels, scores, ctx.positive);
    }
  });
  const findings: Finding[] = [];
  const seed = options.settings.seed;
  const testScores = ctx.test ? predictions.test : predictions.train;
  options.onProgress?.(`explaining ${resolved.name}`);
  const attribution = await timed('attribution', () => attributionStage(ctx, options.settings.attribution, seed));
  findings.push(...attribution.findings);
  const permutation = Object.entries(attribution.summary.methods ?? {}).find(([k]) => k.startsWith('permutation'))?.[1];
  const reliance = permutation ? new Map(permutation.map((g) => [g.feature, g.importance])) : attribution.importance;
  options.onProgress?.(`shape curves of ${resolved.name}`);
  const shapes = await timed('shapes', () => shapesStage(ctx, attribution.importance, seed));
  const labelled = (ctx.test ?? ctx.train)!.labels.some((v) => !Number.isNaN(v));
  let slices: SlicesStageResult | undefined;
  if (labelled && testScores) {
    options.onProgress?.(`slicing ${resolved.name}`);
    slices = await timed('slices', async () => slicesStage(ctx, testScores, options.settings, seed));
    findings.push(...slices.findings);
  }
  const saved = labelled && testScores ? await timed('savedSlices', () => savedSlicesStage(root, ctx, testScores, seed, options.configText)) : undefined;
  findings.push(...(saved?.findings ?? []));
  options.onProgress?.(`leakage checks of ${resolved.name}`);
  const leakage = await timed('leakage', () => leakageStage(ctx, testScores, reliance, seed));
  findings.push(...leakage.findings);
  const rel = (p: string | undefined): string | undefined => (p ? relative(root, p) || p : undefined);
  const report: ModelReport = {
    name: resolved.name,
    model: rel(resolved.modelPath)!,
    data: { train: rel(resolved.train), test: rel(resolved.test) },
    task: ctx.task,
    target: ctx.target,
    features: ctx.features,
    metrics,
    ...(Object.keys(calibration).length ? { calibration } : {}),
    attribution: attribution.summary,
    shapes: shapes.shapes,
    interactions: shapes.interactions,
    slices: slices?.slices,
    jaggedness: slices?.jaggedness,
    ...(saved?.savedSlices.length ? { savedSlices: saved.savedSlices } : {}),
    findings: applyIgnores(findings, resolved.ignore),
    sampling: samplingOf(ctx, leakage.rows),
    summary: ctx.file.summary,
    timings: { ...timings, modelMillis: Math.round(ctx.evaluator.stats.modelMillis * 10) / 10 },
  };
  return { report, context: ctx };
}

/** Per split: all rows (metrics, slices, duplicate, identifier and fairness checks), the model sample and the leakage sample. */
function samplingOf(ctx: ModelContext, leakageRows: Readonly<Record<string, number>>): ModelReport['sampling'] {
  const out: Record<string, SplitSampling> = {};
  for (const split of [ctx.train, ctx.test]) {
    if (!split) continue;
    const leakage = leakageRows[split.name] ?? split.data.rowCount;
    out[split.name] = {
      rows: split.data.rowCount,
      modelRows: split.matrix.rows,
      method: split.sample ? `seeded sample stratified by label (analysis.maxRows = ${split.matrix.rows})` : 'all rows',
      leakageRows: leakage,
      leakageMethod: leakage < split.data.rowCount ? `seeded sample stratified by label (${LEAKAGE_ROWS} rows)` : 'all rows',
    };
  }
  return out;
}
