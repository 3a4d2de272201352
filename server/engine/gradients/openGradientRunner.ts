/**
 * Picks the gradient source for a model: its gradient graph in ONNX Runtime when every
 * operator on the input → output path has a derivative rule, else central finite differences
 * through the BatchingEvaluator, with the reason the graph could not be built.
 */
import type { OnnxModel } from '../../loaders/model/onnxProto';
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { FiniteDifferenceOptions } from './finiteDifferences';
import { finiteDifferenceRunner } from './finiteDifferences';
import type { GradientGraphOptions } from './gradientGraph';
import { buildGradientGraph } from './gradientGraph';
import type { GradientRunner } from './gradientRunner';
import type { OrtGradientRunnerOptions } from './ortGradientRunner';
import { createOrtGradientRunner } from './ortGradientRunner';
import type { OutputSelector } from './outputSelector';

export interface OpenedGradientRunner {
  readonly runner: GradientRunner;
  /** Why finite differences are used (absent when the gradient graph is). */
  readonly fallbackReason?: string;
  /** What is differentiated. */
  readonly target: string;
}

export interface OpenGradientRunnerOptions {
  readonly graph?: GradientGraphOptions;
  readonly ort?: OrtGradientRunnerOptions;
  /** Finite differences differentiate this column of the evaluator's output row. */
  readonly fallback: FiniteDifferenceOptions & { readonly evaluator: BatchingEvaluator };
}

export async function openGradientRunner(model: OnnxModel, inputName: string, selector: OutputSelector, options: OpenGradientRunnerOptions): Promise<OpenedGradientRunner> {
  const built = buildGradientGraph(model, inputName, selector, options.graph);
  if (built.ok) return { runner: await createOrtGradientRunner(built.graph, options.ort), target: built.graph.target };
  const { evaluator, ...fd } = options.fallback;
  const column = fd.column ?? 0;
  const note = selector.beforeActivation ? ' (finite differences see only the model output, so the probability is differentiated, not the logit)' : '';
  return {
    runner: finiteDifferenceRunner(evaluator, fd),
    fallbackReason: `${built.reason}${note}`,
    target: `model output column ${column}`,
  };
}
