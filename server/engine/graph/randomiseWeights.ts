/**
 * Weight randomisation for the model-randomisation sanity check (Adebayo et al. 2018,
 * "Sanity checks for saliency maps", §3: re-initialise the learned parameters and compare
 * explanations). Permuting each learned tensor keeps its scale and distribution, so the
 * scrambled model is a plausible untrained model rather than a degenerate one.
 */
import type { OnnxModel, OnnxTensor } from '../../loaders/model/onnxProto';
import { OnnxDataType, tensorValues } from '../../loaders/model/onnxProto';
import { randomPermutation, seededRandom } from '../attribution/random';
import type { Tree, TreeEnsemble } from '../trees/treeEnsembleTypes';
import { NodeMode } from '../trees/treeEnsembleTypes';

/** Permutes the values of every float initializer with more than one element. */
export function scrambleInitializers(model: OnnxModel, seed: number): { model: OnnxModel; scrambled: number } {
  const rng = seededRandom(seed);
  let scrambled = 0;
  const initializer = (model.graph?.initializer ?? []).map((t): OnnxTensor => {
    if (t.dataType !== OnnxDataType.FLOAT && t.dataType !== OnnxDataType.DOUBLE) return t;
    const values = tensorValues(t);
    if (values.length < 2) return t;
    const p = randomPermutation(values.length, rng);
    const out = Array.from(p, (i) => values[i]);
    scrambled++;
    const { rawData: _raw, floatData: _f, doubleData: _d, ...rest } = t;
    return t.dataType === OnnxDataType.FLOAT ? { ...rest, floatData: out } : { ...rest, doubleData: out };
  });
  return { model: { ...model, graph: { ...model.graph, initializer } }, scrambled };
}

/**
 * Re-draws a tree ensemble's learned parameters: leaf values are permuted among the leaves
 * of each tree, and the split features among its interior nodes (thresholds stay). Permuting
 * leaves alone keeps which features the trees split on, so SHAP ranks would survive by
 * construction; a tree's parameters are its splits as much as its leaves.
 */
export function scrambleLeafValues(ensemble: TreeEnsemble, seed: number): TreeEnsemble {
  const rng = seededRandom(seed);
  const K = ensemble.outputCount;
  const trees = ensemble.trees.map((t): Tree => {
    const leaves: number[] = [];
    for (let n = 0; n < t.nodeCount; n++) if (t.mode[n] === NodeMode.LEAF) leaves.push(n);
    const leafValue = new Float64Array(t.leafValue);
    const p = randomPermutation(leaves.length, rng);
    for (let i = 0; i < leaves.length; i++) {
      for (let k = 0; k < K; k++) leafValue[leaves[i] * K + k] = t.leafValue[leaves[p[i]] * K + k];
    }
    // Split features: drawn uniformly from all features (thresholds then cut at arbitrary values).
    const feature = new Int32Array(t.feature);
    for (let n = 0; n < t.nodeCount; n++) if (t.mode[n] !== NodeMode.LEAF) feature[n] = rng.nextInt(ensemble.featureCount);
    return { ...t, leafValue, feature };
  });
  return { ...ensemble, trees };
}
