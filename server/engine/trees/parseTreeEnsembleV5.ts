/**
 * ai.onnx.ml TreeEnsemble (opset 5) → TreeEnsemble. Interior nodes live in `nodes_*`, leaves in
 * `leaf_*` (one (target, weight) per leaf); `nodes_trueleafs`/`nodes_falseleafs` say whether a
 * child id indexes the leaves. A tree whose root has both flags set and equal child ids is a
 * single leaf. BRANCH_MEMBER splits read their sets from `membership_values`, NaN-separated, in
 * node order. `base_values` no longer exists (an Add node does that job).
 * Spec: https://onnx.ai/onnx/operators/onnx_aionnxml_TreeEnsemble.html
 */
import { attribute, attributeNumbers, type OnnxNode } from '../../loaders/model/onnxProto';
import { emptyRawTree, finishTree, MAX_TREE_OUTPUTS, type RawTree } from './treeBuild';
import { NodeMode, type AggregateFunction, type PostTransform, type Tree, type TreeEnsemble } from './treeEnsembleTypes';

// Integer enums of TreeEnsemble-5 (onnx/defs/traditionalml/defs.cc).
const v5PostTransforms: readonly PostTransform[] = ['NONE', 'SOFTMAX', 'LOGISTIC', 'SOFTMAX_ZERO', 'PROBIT'];
const v5Aggregates: readonly AggregateFunction[] = ['AVERAGE', 'SUM', 'MIN', 'MAX'];

export function parseTreeEnsembleV5(node: OnnxNode, inputFeatureCount: number | undefined, inputPrecision: 'float32' | 'float64'): TreeEnsemble | string {
  const op = 'TreeEnsemble';
  const need = (name: string): Float64Array | string => attributeNumbers(node, name) ?? `${op}: attribute ${name} is missing`;
  const splits = need('nodes_splits');
  const features = need('nodes_featureids');
  const modes = need('nodes_modes');
  const trueIds = need('nodes_truenodeids');
  const falseIds = need('nodes_falsenodeids');
  const trueLeafs = need('nodes_trueleafs');
  const falseLeafs = need('nodes_falseleafs');
  const leafTargets = need('leaf_targetids');
  const leafWeights = need('leaf_weights');
  const roots = need('tree_roots');
  for (const a of [splits, features, modes, trueIds, falseIds, trueLeafs, falseLeafs, leafTargets, leafWeights, roots]) {
    if (typeof a === 'string') return a;
  }
  const [S, F, M, T, Fa, TL, FL, LT, LW, R] = [splits, features, modes, trueIds, falseIds, trueLeafs, falseLeafs, leafTargets, leafWeights, roots] as Float64Array[];
  const n = F.length;
  if ([S, M, T, Fa, TL, FL].some((a) => a.length !== n)) return `${op}: nodes_* attributes must have equal lengths (${n})`;
  if (LT.length !== LW.length) return `${op}: leaf_targetids has ${LT.length} entries, leaf_weights ${LW.length}`;
  const missing = attributeNumbers(node, 'nodes_missing_value_tracks_true') ?? new Float64Array(0);
  const hitrates = attributeNumbers(node, 'nodes_hitrates') ?? new Float64Array(0);
  const membership = attributeNumbers(node, 'membership_values') ?? new Float64Array(0);

  // Member sets, consumed in node order as the reference implementation does.
  const memberSets = new Map<number, Set<number>>();
  let cursor = 0;
  for (let i = 0; i < n; i++) {
    if (M[i] !== NodeMode.BRANCH_MEMBER) continue;
    const set = new Set<number>();
    while (cursor < membership.length && !Number.isNaN(membership[cursor])) set.add(membership[cursor++]);
    cursor++;
    memberSets.set(i, set);
  }

  // A loop, not Math.max(...LT): spreading 10^5+ leaves overflows the call stack.
  let widest = 0;
  for (const t of LT) widest = Math.max(widest, t + 1);
  const outputCount = Number(attribute(node, 'n_targets')?.i ?? 0) || widest;
  if (!Number.isInteger(outputCount) || outputCount < 1 || outputCount > MAX_TREE_OUTPUTS) return `${op}: ${outputCount} targets is not a usable output width`;
  const trees: Tree[] = [];
  for (let t = 0; t < R.length; t++) {
    const rootIndex = R[t];
    const raw: RawTree = emptyRawTree(0);
    const addLeaf = (leafIndex: number): number => {
      if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= LW.length) return -2;
      const id = raw.mode.length;
      raw.mode.push(NodeMode.LEAF);
      raw.feature.push(-1);
      raw.threshold.push(0);
      raw.trueChild.push(-1);
      raw.falseChild.push(-1);
      raw.missingTracksTrue.push(0);
      raw.cover.push(1); // leaf covers are not encoded in opset 5; see treeCovers.ts
      raw.members.push(undefined);
      raw.leafVotes.set(id, [[LT[leafIndex], LW[leafIndex]]]);
      return id;
    };
    if (!Number.isInteger(rootIndex) || rootIndex < 0 || rootIndex >= Math.max(n, 1)) return `${op}: tree_roots[${t}] = ${rootIndex} is not a node index`;
    if (TL[rootIndex] && FL[rootIndex] && T[rootIndex] === Fa[rootIndex]) {
      if (addLeaf(T[rootIndex]) < 0) return `${op}: tree ${t} is a leaf with an out-of-range leaf index ${T[rootIndex]}`;
    } else {
      // Iterative copy; local ids are assigned on first visit, children patched afterwards.
      const visit = (nodeIndex: number): number => {
        if (!Number.isInteger(nodeIndex) || nodeIndex < 0 || nodeIndex >= n) return -2;
        const id = raw.mode.length;
        raw.mode.push(M[nodeIndex]);
        raw.feature.push(F[nodeIndex]);
        raw.threshold.push(S[nodeIndex]);
        raw.trueChild.push(-1);
        raw.falseChild.push(-1);
        raw.missingTracksTrue.push(missing.length ? missing[nodeIndex] : 0);
        raw.cover.push(hitrates.length === n ? hitrates[nodeIndex] : 1);
        raw.members.push(memberSets.get(nodeIndex));
        return id;
      };
      const stack: [number, number][] = [[rootIndex, visit(rootIndex)]];
      if (stack[0][1] === -2) return `${op}: tree_roots[${t}] = ${rootIndex} is not a node index`;
      let guard = 0;
      while (stack.length > 0) {
        if (++guard > n + LW.length + 1) return `${op}: tree ${t} has a cycle`;
        const [nodeIndex, id] = stack.pop() as [number, number];
        const child = (isLeaf: number, index: number): number => {
          if (isLeaf) return addLeaf(index);
          const c = visit(index);
          if (c >= 0) stack.push([index, c]);
          return c;
        };
        raw.trueChild[id] = child(TL[nodeIndex], T[nodeIndex]);
        raw.falseChild[id] = child(FL[nodeIndex], Fa[nodeIndex]);
        if (raw.trueChild[id] < 0 || raw.falseChild[id] < 0) return `${op}: node ${nodeIndex} has a child id out of range`;
      }
    }
    const tree = finishTree(raw, outputCount, `${op} tree ${t}`);
    if (typeof tree === 'string') return tree;
    trees.push(tree);
  }
  let maxFeature = -1;
  for (const f of F) maxFeature = Math.max(maxFeature, f);
  const featureCount = inputFeatureCount ?? maxFeature + 1;
  if (maxFeature >= featureCount) return `${op}: a split uses feature ${maxFeature}, the input has ${featureCount} columns`;
  const postTransform = v5PostTransforms[Number(attribute(node, 'post_transform')?.i ?? 0)];
  const aggregate = v5Aggregates[Number(attribute(node, 'aggregate_function')?.i ?? 1)];
  if (!postTransform || !aggregate) return `${op}: post_transform or aggregate_function out of range`;
  return {
    opType: op,
    task: 'regression', // a classifier is TreeEnsemble + ArgMax; the graph layer tells them apart
    featureCount,
    outputCount,
    trees,
    baseValues: new Float64Array(outputCount),
    aggregate,
    postTransform,
    binarySingleScore: false,
    weightsAllNonNegative: LW.every((w) => w >= 0),
    coverSource: 'none',
    inputPrecision,
  };
}
