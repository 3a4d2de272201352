/** Test-only loading of the fixture models for the gradient tests (fixtures/README.md conventions). */
import { readFileSync } from 'node:fs';
import { decodeOnnx, type OnnxModel } from '../../../server/loaders/model/onnxProto';
import { BatchingEvaluator } from '../../../server/engine/evaluator/batchingEvaluator';
import { manifest, modelPath, readCsv } from '../attribution/helpers/fixtures';
import { ortPredictor } from '../attribution/helpers/ortPredictor';

export interface FixtureModel {
  readonly dataset: string;
  readonly name: string;
  readonly onnx: OnnxModel;
  readonly features: readonly string[];
  readonly task: string;
  /** Test rows row-major. */
  readonly test: Float64Array;
  readonly testRows: number;
  readonly train: Float64Array;
  readonly trainRows: number;
  evaluator(): Promise<BatchingEvaluator>;
}

export function fixtureModel(dataset: string, name: string): FixtureModel {
  const m = manifest(dataset);
  const features = m.feature_columns;
  const test = readCsv(dataset, 'test.csv', features).x;
  const train = readCsv(dataset, 'train.csv', features).x;
  return {
    dataset,
    name,
    onnx: decodeOnnx(readFileSync(modelPath(dataset, name))),
    features,
    task: m.task,
    test: test.data,
    testRows: test.rows,
    train: train.data,
    trainRows: train.rows,
    evaluator: async () => new BatchingEvaluator(await ortPredictor(modelPath(dataset, name), features.length)),
  };
}

/** The differentiable models among the fixtures (sklearn pipelines exported as Gemm graphs). */
export const DIFFERENTIABLE_MODELS: readonly (readonly [string, string])[] = [
  ['pima', 'logreg'],
  ['breast_cancer', 'logreg'],
  ['iris', 'logreg'],
  ['wine', 'logreg'],
  ['pima', 'mlp'],
  ['diabetes', 'mlp'],
  ['wine', 'mlp'],
];
