import { cpus } from 'node:os';
import { BatchingEvaluator, type RowSource } from '../engine/evaluator/batchingEvaluator';
import type { FeatureMatrix } from '../engine/evaluator/featureMatrix';
import { columnByName, type Dataset } from '../loaders/data/dataset';
import { InputError } from '../loaders/data/loadError';
import { loadDataset } from '../loaders/data/loadDataset';
import { featureNamesFromModel, inferTask, planInputs, planOutputs, type OutputPlan } from '../loaders/model/ioPlan';
import { loadOnnxModel, type OnnxModelFile } from '../loaders/model/onnxModel';
import { describeValue } from '../loaders/model/modelSummary';
import { OrtPredictor } from '../loaders/model/ortPredictor';
import type { ResolvedModel } from '../discovery/resolvedModel';
import type { Task } from '../results/report';
import { alignCategories } from './alignCategories';
import { buildFeatureMatrix, featureRowSource } from './buildFeatureMatrix';
import { encodeLabels } from './encodeLabels';
import { stratifiedRows } from './stratifiedSample';

export interface SplitData {
  readonly name: 'train' | 'test';
  readonly path: string;
  /** Every row: metrics, slices and leakage checks read these. */
  readonly data: Dataset;
  readonly labels: Float64Array;
  /** Every row's features for the evaluator, pulled batch by batch (no full matrix copy). */
  readonly rowSource: RowSource;
  /**
   * The rows model-based analyses (attribution, shapes, sanity checks, backgrounds) work on:
   * all rows, or with LoadOptions.modelRows the stratified `sample` of them, in that order.
   */
  readonly matrix: FeatureMatrix;
  /** Rows of `data` that `matrix` holds when it is a sample (ascending); undefined = all rows. */
  readonly sample?: Uint32Array;
}

/** Everything an analysis of one model needs, loaded and validated once. */
export interface ModelContext {
  readonly resolved: ResolvedModel;
  readonly file: OnnxModelFile;
  readonly features: readonly string[];
  readonly task: Task;
  readonly target: string;
  readonly classes?: readonly string[];
  /** Index of the positive class (binary). */
  readonly positive: number;
  readonly outputPlan: OutputPlan;
  readonly evaluator: BatchingEvaluator;
  readonly train?: SplitData;
  readonly test?: SplitData;
  /** Dictionaries of categorical features, by feature index (shared across splits). */
  readonly dictionaries: readonly (readonly string[] | undefined)[];
}

export interface LoadOptions {
  readonly isCancelled?: () => boolean;
  readonly threads?: number;
  /** Per-row explanations need no labels: a missing target leaves them NaN. */
  readonly allowMissingTarget?: boolean;
  /**
   * Cap on the rows of each split's `matrix` (analysis.maxRows): larger splits get a seeded
   * sample stratified by label (stratifiedSample.ts). Unset: the matrix holds every row.
   */
  readonly modelRows?: number;
  readonly seed?: number;
}

export async function loadModelContext(resolved: ResolvedModel, options: LoadOptions = {}): Promise<ModelContext> {
  const file = await loadOnnxModel(resolved.modelPath, { intraOpThreads: options.threads ?? Math.max(1, cpus().length) });
  const summary = file.summary;
  const features = resolved.features ?? featureNamesFromModel(summary.inputs, summary.metadata);
  if (!features) {
    throw new InputError(resolved.modelPath, 'the model does not name its features (no metadata_props.feature_names and a single [N,d] input): list them in input order in "features" of modeldiag.json', undefined, undefined, 'model.load');
  }
  const categorical = [...resolved.categorical];
  const [trainRaw, testRaw] = await Promise.all([
    resolved.train ? loadDataset(resolved.train, { categorical }) : undefined,
    resolved.test ? loadDataset(resolved.test, { categorical }) : undefined,
  ]);
  const [trainData, testData] = alignCategories([trainRaw, testRaw]);
  const reference = testData ?? trainData;
  if (!reference) throw new InputError(resolved.modelPath, 'no data file for this model: set "data" in modeldiag.json', undefined, undefined, 'config.missing-file');
  const target = resolved.target ?? '';
  const hasTarget = !!target && !!columnByName(reference, target);
  if (!hasTarget && !options.allowMissingTarget) {
    throw new InputError(reference.source, `target column "${target ?? '?'}" not found; set "target" in modeldiag.json`, 1, undefined, 'data.load');
  }
  const task = resolved.task ?? inferTask(summary.outputs, summary.operators, summary.metadata);
  // Outputs after fix-ups (a removed ZipMap leaves a float [N, C] tensor in its place).
  const ioOutputs = (file.onnx.graph?.output ?? []).map(describeValue);
  const outputPlan = planOutputs(resolved.modelPath, ioOutputs, task, summary.classes, resolved.positiveClass, summary.metadata);
  const inputPlan = planInputs(resolved.modelPath, summary.inputs, features);
  const stringFeatures = new Set<string>(
    inputPlan.mode === 'matrix' ? (inputPlan.dtype === 'string' ? features : []) : inputPlan.inputs.filter((i) => i.dtype === 'string').map((i) => features[i.feature]),
  );
  const dictionaries = features.map((f) => {
    const c = columnByName(reference, f);
    return c?.kind === 'categorical' ? c.dictionary : undefined;
  });
  const predictor = new OrtPredictor(file.session, inputPlan, outputPlan, features.length, dictionaries);
  const evaluator = new BatchingEvaluator(predictor, { isCancelled: options.isCancelled });
  let classes = task === 'classification' ? summary.classes : undefined;
  const split = (name: 'train' | 'test', data: Dataset | undefined): SplitData | undefined => {
    if (!data) return undefined;
    const col = columnByName(data, target);
    if (!col && !options.allowMissingTarget) throw new InputError(data.source, `target column "${target}" not found in this file`, 1, undefined, 'data.load');
    const enc = col ? encodeLabels(col, task, classes, data.source) : { labels: new Float64Array(data.rowCount).fill(NaN), classes: undefined };
    classes = classes ?? enc.classes;
    const sample = options.modelRows !== undefined ? stratifiedRows(enc.labels, task, options.modelRows, options.seed ?? 0) : undefined;
    const matrix = buildFeatureMatrix(data, features, stringFeatures, sample);
    return { name, path: data.source, data, labels: enc.labels, rowSource: featureRowSource(data, features, stringFeatures), matrix, sample };
  };
  const train = split('train', trainData);
  const test = split('test', testData);
  const positive = outputPlan.kind === 'value' ? 0 : outputPlan.positive;
  return { resolved, file, features, task, target, classes, positive, outputPlan, evaluator, train, test, dictionaries };
}
