/**
 * Node covers for path-dependent TreeSHAP. Lundberg et al. (2020) weigh the branch not taken by
 * the share of training data that went down it; converters store that in `nodes_hitrates`
 * (sklearn weighted_n_node_samples, xgboost sum_hessian). skl2onnx writes 1.0 everywhere, and
 * TreeEnsemble-5 has no leaf covers, so covers can also come from routing a data matrix.
 */
import { childFor, inputsAsModelSees } from './treeRouting';
import type { Tree, TreeEnsemble } from './treeEnsembleTypes';

/**
 * A parent's cover equals its children's sum up to float32 storage (~1e-7 relative) and the
 * converter's own float sums; xgboost's hessian sums drift by up to ~1e-5 relative on deep trees.
 */
const COVER_SUM_RELATIVE_TOLERANCE = 1e-3;

/** True when every tree's covers are positive at the root and add up from children to parents. */
export function coversLookReal(trees: readonly Tree[]): boolean {
  let anyNotOne = false;
  for (const tree of trees) {
    if (!(tree.cover[0] > 0)) return false;
    for (let node = 0; node < tree.nodeCount; node++) {
      const c = tree.cover[node];
      if (!(c >= 0) || !Number.isFinite(c)) return false;
      if (c !== 1) anyNotOne = true;
      if (tree.feature[node] < 0) continue;
      const sum = tree.cover[tree.trueChild[node]] + tree.cover[tree.falseChild[node]];
      if (Math.abs(sum - c) > COVER_SUM_RELATIVE_TOLERANCE * Math.max(c, sum)) return false;
    }
  }
  return anyNotOne;
}

/**
 * Covers counted by routing `rows` rows of `data` (row-major [rows, featureCount], NaN =
 * missing) through every tree, optionally weighted. Returns a new ensemble; the input is not
 * changed. Nodes no row reaches get cover 0, which TreeSHAP treats as "never taken".
 */
export function coversFromData(ensemble: TreeEnsemble, data: Float64Array | Float32Array, rows: number, weights?: ArrayLike<number>): TreeEnsemble {
  const d = ensemble.featureCount;
  if (data.length !== rows * d) {
    throw new RangeError(`coversFromData: data has ${data.length} values, expected rows × featureCount = ${rows} × ${d}`);
  }
  if (rows === 0) throw new RangeError('coversFromData: needs at least one row to count covers');
  const x = inputsAsModelSees(ensemble, data);
  const trees = ensemble.trees.map((tree) => {
    const cover = new Float64Array(tree.nodeCount);
    for (let r = 0; r < rows; r++) {
      const w = weights ? weights[r] : 1;
      let node = 0;
      cover[0] += w;
      while (tree.feature[node] >= 0) {
        node = childFor(tree, node, x[r * d + tree.feature[node]]);
        cover[node] += w;
      }
    }
    return { ...tree, cover };
  });
  return { ...ensemble, trees, coverSource: 'data' };
}
