/**
 * Which way a row goes at a split, exactly as onnxruntime decides it: the comparison of the
 * mode, or the `missing_value_tracks_true` branch when the value is NaN (a NaN compares false,
 * except for NEQ, which is true — onnxruntime keeps that, tree_ensemble_common.h).
 */
import { NodeMode, type Tree, type TreeEnsemble } from './treeEnsembleTypes';

export function goesTrue(tree: Tree, node: number, x: number): boolean {
  const t = tree.threshold[node];
  let result: boolean;
  switch (tree.mode[node]) {
    case NodeMode.BRANCH_LEQ:
      result = x <= t;
      break;
    case NodeMode.BRANCH_LT:
      result = x < t;
      break;
    case NodeMode.BRANCH_GTE:
      result = x >= t;
      break;
    case NodeMode.BRANCH_GT:
      result = x > t;
      break;
    case NodeMode.BRANCH_EQ:
      result = x === t;
      break;
    case NodeMode.BRANCH_NEQ:
      result = x !== t;
      break;
    case NodeMode.BRANCH_MEMBER:
      result = tree.members?.get(node)?.has(x) ?? false;
      break;
    default:
      return false;
  }
  return result || (tree.missingTracksTrue[node] === 1 && Number.isNaN(x));
}

/** The child a value leads to. */
export function childFor(tree: Tree, node: number, x: number): number {
  return goesTrue(tree, node, x) ? tree.trueChild[node] : tree.falseChild[node];
}

/** Leaf reached by the row starting at `offset` of a row-major matrix. */
export function leafOf(tree: Tree, data: ArrayLike<number>, offset: number): number {
  let node = 0;
  const feature = tree.feature;
  while (feature[node] >= 0) node = childFor(tree, node, data[offset + feature[node]]);
  return node;
}

/**
 * The rows as onnxruntime compares them: a float32 model input rounds every value to float32
 * first (thresholds are float32 already), so e.g. 0.1 in a CSV meets the threshold 0.1f.
 */
export function inputsAsModelSees(ensemble: TreeEnsemble, data: Float64Array | Float32Array): Float64Array {
  if (ensemble.inputPrecision === 'float64' && data instanceof Float64Array) return data;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Math.fround(data[i]);
  return out;
}
