import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { columnAsNumbers, columnByName, type Dataset } from '../../../../server/loaders/data/dataset';
import { BatchingEvaluator } from '../../../../server/engine/evaluator/batchingEvaluator';
import type { LeakageContext } from '../../../../server/engine/leakage/leakageContext';
import { loadCsvDataset } from './loadCsvDataset';
import { OnnxTestPredictor } from './onnxTestPredictor';

import { FIXTURES } from '../../../helpers/fixtures';
export { FIXTURES };

export interface FixtureSpec {
  readonly folder: string;
  /** Model file stem: `model` for planted sets, e.g. `xgb` for real ones. */
  readonly model: string;
  readonly features: readonly string[];
  readonly target: string;
  readonly task: 'classification' | 'regression';
  readonly sensitive?: readonly string[];
  readonly time?: string;
  readonly expect?: Record<string, 'increasing' | 'decreasing'>;
  /** Pass the library's permutation importance (first scorer) as ctx.importance instead of measuring reliance. */
  readonly useImportance?: boolean;
}

export interface FixtureContext {
  readonly ctx: LeakageContext;
  dispose(): Promise<void>;
}

function labelsOf(data: Dataset, target: string): Float64Array {
  const c = columnByName(data, target);
  if (!c) throw new Error(`${data.source}: no label column ${target}`);
  return columnAsNumbers(c);
}

/** Loads train/test CSVs, the ONNX model (behind a BatchingEvaluator) and the library's predictions. */
export async function fixtureContext(spec: FixtureSpec): Promise<FixtureContext> {
  const train = loadCsvDataset(join(spec.folder, 'train.csv'));
  const test = loadCsvDataset(join(spec.folder, 'test.csv'));
  const trainLabels = labelsOf(train, spec.target);
  const testLabels = labelsOf(test, spec.target);
  let classCount: number | undefined;
  if (spec.task === 'classification') {
    let max = 0;
    for (const y of [...trainLabels, ...testLabels]) if (y > max) max = y;
    classCount = max + 1;
  }
  const predictor = await OnnxTestPredictor.open(join(spec.folder, `${spec.model}.onnx`), spec.features.length, classCount);
  const evaluator = new BatchingEvaluator(predictor);
  const expected = JSON.parse(readFileSync(join(spec.folder, `${spec.model}.expected.json`), 'utf8')) as {
    outputs: { probabilities?: number[][]; variable?: number[][] };
  };
  const width = predictor.outputWidth;
  const outputs = expected.outputs.probabilities ?? expected.outputs.variable ?? [];
  const testPredictions = new Float64Array(outputs.length * width);
  outputs.forEach((row, i) => {
    if (width === 1) testPredictions[i] = expected.outputs.probabilities ? row[1] : row[0];
    else for (let k = 0; k < width; k++) testPredictions[i * width + k] = row[k];
  });
  const importance = spec.useImportance ? readImportance(join(spec.folder, `${spec.model}.permutation_importance.json`)) : undefined;
  const ctx: LeakageContext = {
    train,
    test,
    features: spec.features,
    target: spec.target,
    task: spec.task,
    trainLabels,
    testLabels,
    sensitive: spec.sensitive ?? [],
    time: spec.time,
    expect: spec.expect ?? {},
    testPredictions,
    outputWidth: width,
    evaluate: (m) => evaluator.predict(m.data, m.rows),
    importance,
    seed: 1,
  };
  return { ctx, dispose: () => predictor.dispose() };
}

function readImportance(path: string): Map<string, number> {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { results: Record<string, { importances_mean: Record<string, number> }> };
  const first = Object.values(json.results)[0];
  return new Map(Object.entries(first.importances_mean));
}

interface PlantedTruth {
  label_column: string;
  feature_columns: string[];
  planted: { sensitive_column?: string };
}

export function plantedSpec(name: string): FixtureSpec {
  const folder = join(FIXTURES, 'planted', name);
  const truth = JSON.parse(readFileSync(join(folder, 'planted_truth.json'), 'utf8')) as PlantedTruth;
  return {
    folder,
    model: 'model',
    features: truth.feature_columns,
    target: truth.label_column,
    task: 'classification',
    sensitive: truth.planted.sensitive_column ? [truth.planted.sensitive_column] : [],
  };
}

interface Manifest {
  task: string;
  feature_columns: string[];
  label_column: string;
}

export function realSpec(dataset: string, model: string): FixtureSpec {
  const folder = join(FIXTURES, 'real', dataset);
  const m = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  return {
    folder,
    model,
    features: m.feature_columns,
    target: m.label_column,
    task: m.task === 'regression' ? 'regression' : 'classification',
  };
}
