/**
 * `Export Invariant Model`: writes an ONNX model that cannot use a sensitive input, by
 * marginalising it over its observed distribution inside the graph (engine/remedies), and
 * measures the fairness numbers of the original and the exported model on the same rows.
 * The shells (CLI command, VS Code command) only pick the model, the attribute and the path.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { readInputFile } from '../loaders/fileAccess';
import { dirname } from 'node:path';
import { cpus } from 'node:os';
import { BatchingEvaluator } from '../engine/evaluator/batchingEvaluator';
import { matrixColumn, type FeatureMatrix } from '../engine/evaluator/featureMatrix';
import { fairnessNumbers, type FairnessNumbers } from '../engine/remedies/fairnessNumbers';
import { marginaliseInput, type SensitiveTarget } from '../engine/remedies/marginaliseInput';
import { MAX_MARGINAL_VALUES, sensitiveDistribution, type ValueDistribution } from '../engine/remedies/sensitiveDistribution';
import { InputError } from '../loaders/data/loadError';
import { planInputs, type InputPlan } from '../loaders/model/ioPlan';
import { openOnnxModel } from '../loaders/model/onnxModel';
import { decodeOnnx, encodeOnnx } from '../loaders/model/onnxProto';
import { OrtPredictor } from '../loaders/model/ortPredictor';
import type { ModelContext, SplitData } from './loadModelContext';

export type { FairnessNumbers } from '../engine/remedies/fairnessNumbers';

export interface ExportInvariantOptions {
  readonly context: ModelContext;
  /** A model input (feature name) to make the model invariant to. */
  readonly sensitive: string;
  readonly outPath: string;
  /** Above this many distinct values, quantile representatives are used (default 16). */
  readonly maxValues?: number;
}

export interface ExportInvariantResult {
  readonly outPath: string;
  readonly sensitive: string;
  /** K: number of values the input is marginalised over (model evaluations per row). */
  readonly values: number;
  /** The distribution used, and the split it was measured on. */
  readonly distribution: ValueDistribution & { readonly split: 'train' | 'test' };
  /** What the rewrite did beyond averaging (labels recomputed, ZipMap re-applied, …). */
  readonly notes: readonly string[];
  /** Split the fairness numbers were measured on (test, else train). */
  readonly evaluatedOn: 'train' | 'test';
  readonly before: FairnessNumbers;
  readonly after: FairnessNumbers;
}

export async function exportInvariantModel(options: ExportInvariantOptions): Promise<ExportInvariantResult> {
  const { context, sensitive, outPath } = options;
  const modelPath = context.resolved.modelPath;
  const j = context.features.indexOf(sensitive);
  if (j < 0) {
    throw new InputError(
      modelPath,
      `"${sensitive}" is not an input of this model (inputs: ${context.features.join(', ')}), so the model cannot use it directly and there is nothing to marginalise; its influence through other inputs is a proxy question (leak.proxy)`,
      undefined,
      undefined,
      'config.invalid',
    );
  }
  const source = context.train ?? context.test;
  const evaluated = context.test ?? context.train;
  if (!source || !evaluated) throw new InputError(modelPath, 'no data for this model: set "data" in modeldiag.json', undefined, undefined, 'config.missing-file');
  const distribution = sensitiveDistribution(matrixColumn(source.matrix, j), options.maxValues ?? MAX_MARGINAL_VALUES);

  const plan = planInputs(modelPath, context.file.summary.inputs, context.features);
  const dictionary = context.dictionaries[j];
  // String inputs carry category names; the feature matrix holds their dictionary codes.
  const takesStrings = plan.mode === 'matrix' ? plan.dtype === 'string' : plan.inputs.some((i) => i.feature === j && i.dtype === 'string');
  const values = takesStrings && dictionary ? distribution.values.map((code) => dictionary[code] ?? '') : distribution.values;
  // The file as written (ZipMap included), so the export keeps every output's type.
  const original = decodeOnnx(await readInputFile(context.file.path, 'model', 'model.load'));
  const rewritten = marginaliseInput(original, { sensitive: targetOf(plan, j), values, weights: distribution.weights });
  const bytes = encodeOnnx(rewritten.model);
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, bytes);

  const exported = await openOnnxModel(outPath, bytes, { intraOpThreads: Math.max(1, cpus().length) });
  const evaluator = new BatchingEvaluator(new OrtPredictor(exported.session, plan, context.outputPlan, context.features.length, context.dictionaries));
  try {
    // Group names from the dictionary only where the matrix holds codes (string inputs).
    const names = takesStrings ? dictionary : undefined;
    const measure = (e: BatchingEvaluator) => measureFairness(context, evaluated, j, e, names);
    return {
      outPath,
      sensitive,
      values: distribution.values.length,
      distribution: { ...distribution, split: source.name },
      notes: [...exported.fixups.map((f) => `on loading: ${f}`), ...rewritten.notes],
      evaluatedOn: evaluated.name,
      before: await measure(context.evaluator),
      after: await measure(evaluator),
    };
  } finally {
    await evaluator.dispose();
  }
}

function targetOf(plan: InputPlan, j: number): SensitiveTarget {
  if (plan.mode === 'matrix') return { kind: 'column', index: j };
  const input = plan.inputs.find((i) => i.feature === j);
  if (!input) throw new RangeError(`exportInvariantModel: feature ${j} has no model input`);
  return { kind: 'input', name: input.name };
}

async function measureFairness(context: ModelContext, split: SplitData, j: number, evaluator: BatchingEvaluator, dictionary: readonly string[] | undefined): Promise<FairnessNumbers> {
  const w = evaluator.outputWidth;
  // Multiclass: the positive class's probability is the score the decision threshold applies to.
  const score = async (m: FeatureMatrix) => {
    const y = await evaluator.predict(m.data, m.rows);
    return w === 1 ? y : Float64Array.from({ length: m.rows }, (_, i) => y[i * w + context.positive]);
  };
  return fairnessNumbers({
    matrix: split.matrix,
    sensitiveIndex: j,
    score,
    labels: split.sample ? Float64Array.from(split.sample, (r) => split.labels[r]) : split.labels, // the matrix's rows
    classification: context.task === 'classification',
    dictionary,
  });
}
