/**
 * Pure-JS evaluation of a parsed tree ensemble behind the engine's `Predictor` interface, so an
 * analysis can run without onnxruntime (and TreeSHAP can be checked against the same numbers).
 * `margin` space returns the raw scores [rows, K]; `output` space returns what the model means:
 * regression values, P(class 1) for two classes, class probabilities otherwise — computed from
 * the operator's score tensor exactly as onnxruntime emits it (postTransform.ts).
 */
import type { Predictor } from '../evaluator/predictor';
import { marginToScores, scoreWidth } from './postTransform';
import { ensembleMargins } from './treeMargin';
import { inputsAsModelSees } from './treeRouting';
import type { TreeEnsemble } from './treeEnsembleTypes';

export type PredictionSpace = 'margin' | 'output';

export interface TreePredictor extends Predictor {
  readonly space: PredictionSpace;
  /** Synchronous twin of `predictBatch` for callers already off the LSP thread. */
  predict(input: Float32Array | Float64Array, rows: number): Float64Array;
  /** The tree operator's score tensor as onnxruntime returns it, [rows, scoreWidth]. */
  operatorScores(input: Float32Array | Float64Array, rows: number): Float64Array;
}

function checkInput(ensemble: TreeEnsemble, input: ArrayLike<number>, rows: number): void {
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  if (input.length !== rows * ensemble.featureCount) {
    throw new RangeError(`input has ${input.length} values, expected rows × featureCount = ${rows} × ${ensemble.featureCount}`);
  }
}

export function createTreePredictor(ensemble: TreeEnsemble, space: PredictionSpace): TreePredictor {
  const K = ensemble.outputCount;
  const C = scoreWidth(ensemble);
  const twoClasses = ensemble.task === 'classification' && C === 2;
  const outputWidth = space === 'margin' ? K : twoClasses ? 1 : C;

  const operatorScores = (input: Float32Array | Float64Array, rows: number): Float64Array => {
    checkInput(ensemble, input, rows);
    const margins = ensembleMargins(ensemble, inputsAsModelSees(ensemble, input), rows);
    const scores = new Float64Array(rows * C);
    const scratch = new Float64Array(C);
    for (let r = 0; r < rows; r++) {
      marginToScores(ensemble, margins.subarray(r * K, (r + 1) * K), scratch);
      scores.set(scratch, r * C);
    }
    return scores;
  };

  const predict = (input: Float32Array | Float64Array, rows: number): Float64Array => {
    if (space === 'margin') {
      checkInput(ensemble, input, rows);
      return ensembleMargins(ensemble, inputsAsModelSees(ensemble, input), rows);
    }
    const scores = operatorScores(input, rows);
    if (!twoClasses) return scores;
    const p1 = new Float64Array(rows);
    for (let r = 0; r < rows; r++) p1[r] = scores[r * 2 + 1];
    return p1;
  };

  return {
    featureCount: ensemble.featureCount,
    outputWidth,
    space,
    predict,
    operatorScores,
    predictBatch: async (input, rows) => predict(input, rows),
  };
}
