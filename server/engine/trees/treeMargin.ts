/**
 * The ensemble's margin (raw score before post_transform) for a batch, aggregated as
 * onnxruntime does: SUM, AVERAGE (sum / number of trees), MIN or MAX over the trees that voted
 * for an output, then + base_values.
 */
import { leafOf } from './treeRouting';
import type { TreeEnsemble } from './treeEnsembleTypes';

/** `x` is row-major [rows, d] as the model sees it (see `inputsAsModelSees`); returns [rows, K]. */
export function ensembleMargins(ensemble: TreeEnsemble, x: ArrayLike<number>, rows: number): Float64Array {
  const d = ensemble.featureCount;
  const K = ensemble.outputCount;
  const out = new Float64Array(rows * K);
  const agg = ensemble.aggregate;
  if (agg === 'SUM' || agg === 'AVERAGE') {
    for (const tree of ensemble.trees) {
      const lv = tree.leafValue;
      for (let r = 0; r < rows; r++) {
        const leaf = leafOf(tree, x, r * d);
        for (let k = 0; k < K; k++) out[r * K + k] += lv[leaf * K + k];
      }
    }
    const scale = agg === 'AVERAGE' ? 1 / Math.max(1, ensemble.trees.length) : 1;
    for (let i = 0; i < out.length; i++) out[i] = out[i] * scale + ensemble.baseValues[i % K];
    return out;
  }
  const seen = new Uint8Array(rows * K);
  for (const tree of ensemble.trees) {
    for (let r = 0; r < rows; r++) {
      const leaf = leafOf(tree, x, r * d);
      for (let k = 0; k < K; k++) {
        if (tree.leafVoted && !tree.leafVoted[leaf * K + k]) continue;
        const v = tree.leafValue[leaf * K + k];
        const i = r * K + k;
        if (!seen[i] || (agg === 'MIN' ? v < out[i] : v > out[i])) out[i] = v;
        seen[i] = 1;
      }
    }
  }
  for (let i = 0; i < out.length; i++) out[i] += ensemble.baseValues[i % K];
  return out;
}
