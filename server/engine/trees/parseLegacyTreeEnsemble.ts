/**
 * ai.onnx.ml TreeEnsembleClassifier / TreeEnsembleRegressor (opset 1–3) → TreeEnsemble.
 * Nodes are tuples across the `nodes_*` attributes keyed by (tree id, node id); leaf votes are
 * tuples across `class_*` / `target_*`. Numeric lists may come as `*_as_tensor` (opset 3,
 * double precision). Spec: https://onnx.ai/onnx/operators/onnx_aionnxml_TreeEnsembleRegressor.html
 */
import { attribute, attributeNumbers, attributeString, attributeStrings, type OnnxNode } from '../../loaders/model/onnxProto';
import { emptyRawTree, finishTree, MAX_TREE_OUTPUTS, type RawTree } from './treeBuild';
import { NodeMode, type AggregateFunction, type PostTransform, type Tree, type TreeEnsemble } from './treeEnsembleTypes';

const legacyModes: Readonly<Record<string, number>> = {
  BRANCH_LEQ: NodeMode.BRANCH_LEQ,
  BRANCH_LT: NodeMode.BRANCH_LT,
  BRANCH_GTE: NodeMode.BRANCH_GTE,
  BRANCH_GT: NodeMode.BRANCH_GT,
  BRANCH_EQ: NodeMode.BRANCH_EQ,
  BRANCH_NEQ: NodeMode.BRANCH_NEQ,
  LEAF: NodeMode.LEAF,
};

export const postTransforms: readonly PostTransform[] = ['NONE', 'LOGISTIC', 'SOFTMAX', 'SOFTMAX_ZERO', 'PROBIT'];
export const aggregateFunctions: readonly AggregateFunction[] = ['SUM', 'AVERAGE', 'MIN', 'MAX'];

interface Votes {
  treeIds: Float64Array;
  nodeIds: Float64Array;
  targets: Float64Array;
  weights: Float64Array;
}

function readVotes(node: OnnxNode, prefix: 'class' | 'target'): Votes | string {
  const treeIds = attributeNumbers(node, `${prefix}_treeids`);
  const nodeIds = attributeNumbers(node, `${prefix}_nodeids`);
  const targets = attributeNumbers(node, `${prefix}_ids`);
  const weights = attributeNumbers(node, `${prefix}_weights`);
  if (!treeIds || !nodeIds || !targets || !weights) return `${node.opType}: ${prefix}_* leaf attributes are missing`;
  const n = weights.length;
  if (treeIds.length !== n || nodeIds.length !== n || targets.length !== n) {
    return `${node.opType}: ${prefix}_treeids/nodeids/ids/weights have lengths ${treeIds.length}/${nodeIds.length}/${targets.length}/${n}, expected equal`;
  }
  return { treeIds, nodeIds, targets, weights };
}

/** Parses the node's attributes; `featureCount` comes from the graph input when known. */
export function parseLegacyTreeEnsemble(node: OnnxNode, inputFeatureCount: number | undefined): TreeEnsemble | string {
  const op = node.opType as 'TreeEnsembleClassifier' | 'TreeEnsembleRegressor';
  const isClassifier = op === 'TreeEnsembleClassifier';
  const treeIds = attributeNumbers(node, 'nodes_treeids');
  const nodeIds = attributeNumbers(node, 'nodes_nodeids');
  const features = attributeNumbers(node, 'nodes_featureids');
  const values = attributeNumbers(node, 'nodes_values');
  const trueIds = attributeNumbers(node, 'nodes_truenodeids');
  const falseIds = attributeNumbers(node, 'nodes_falsenodeids');
  const modes = attributeStrings(node, 'nodes_modes');
  if (!treeIds || !nodeIds || !features || !trueIds || !falseIds || !modes) {
    return `${op}: nodes_treeids/nodeids/featureids/truenodeids/falsenodeids/modes must all be present`;
  }
  const n = treeIds.length;
  const missing = attributeNumbers(node, 'nodes_missing_value_tracks_true') ?? new Float64Array(n);
  const hitrates = attributeNumbers(node, 'nodes_hitrates');
  const thresholds = values ?? new Float64Array(n);
  for (const [name, arr] of [['nodes_nodeids', nodeIds], ['nodes_featureids', features], ['nodes_truenodeids', trueIds], ['nodes_falsenodeids', falseIds], ['nodes_modes', modes], ['nodes_values', thresholds]] as const) {
    if (arr.length !== n) return `${op}: ${name} has ${arr.length} entries, nodes_treeids has ${n}`;
  }
  if (missing.length !== n && missing.length !== 0) return `${op}: nodes_missing_value_tracks_true has ${missing.length} entries, expected ${n}`;

  const votes = readVotes(node, isClassifier ? 'class' : 'target');
  if (typeof votes === 'string') return votes;

  // Output layout: classifier columns are classes, except a two-class model voting for one class.
  const labels: (number | string)[] | undefined = isClassifier
    ? attributeStrings(node, 'classlabels_strings') ?? Array.from(attributeNumbers(node, 'classlabels_int64s') ?? [])
    : undefined;
  const votedClasses = new Set(Array.from(votes.targets));
  const binarySingleScore = isClassifier && labels?.length === 2 && votedClasses.size === 1;
  const nTargets = isClassifier ? labels?.length ?? 0 : Number(attribute(node, 'n_targets')?.i ?? 1);
  if (nTargets < 1) return `${op}: no classlabels_strings / classlabels_int64s`;
  if (!Number.isInteger(nTargets) || nTargets > MAX_TREE_OUTPUTS) return `${op}: ${nTargets} classes or targets is not a usable output width`;
  const outputCount = binarySingleScore ? 1 : nTargets;
  const weightsAllNonNegative = votes.weights.every((w) => w >= 0);

  // Base values. The binary single-score path adds base_values[0] when one is given; with two,
  // onnxruntime 1.30 emits [logistic(s + base0), logistic(0)] (measured), which no margin explains.
  const base = attributeNumbers(node, 'base_values') ?? new Float64Array(0);
  const baseValues = new Float64Array(outputCount);
  if (binarySingleScore && base.length === 2) {
    return `${op}: two classes, one voted class and two base_values — onnxruntime's output then is not a function of one margin; not supported`;
  } else if (binarySingleScore) baseValues[0] = base.length === 1 ? base[0] : 0;
  else if (isClassifier && nTargets === 2 && base.length === 2) {
    return `${op}: two classes with weights for both and two base_values — onnxruntime then outputs p1 = base1 + score0 and ignores class 1's score; not supported`;
  } else if (base.length === outputCount) baseValues.set(base);
  else if (base.length === 1 && isClassifier && nTargets === 2) baseValues[0] = base[0]; // ORT adds it to class 0 only
  else if (base.length !== 0) return `${op}: base_values has ${base.length} entries, expected ${outputCount}`;

  // Group attribute positions by tree, in order of first appearance (ORT keeps that order too).
  const byTree = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = byTree.get(treeIds[i]);
    if (list) list.push(i);
    else byTree.set(treeIds[i], [i]);
  }
  const raws = new Map<number, { raw: RawTree; local: Map<number, number> }>();
  for (const [treeId, positions] of byTree) {
    const local = new Map<number, number>();
    positions.forEach((p, k) => local.set(nodeIds[p], k));
    const children = new Set<number>();
    for (const p of positions) {
      if (modes[p] !== 'LEAF') children.add(trueIds[p]).add(falseIds[p]);
    }
    const rootNodeId = local.has(0) && !children.has(0) ? 0 : nodeIds[positions.find((p) => !children.has(nodeIds[p])) ?? positions[0]];
    const raw = emptyRawTree(local.get(rootNodeId) ?? 0);
    for (const p of positions) {
      const mode = legacyModes[modes[p]];
      if (mode === undefined) return `${op}: tree ${treeId} node ${nodeIds[p]} has unknown mode '${modes[p]}'`;
      raw.mode.push(mode);
      raw.feature.push(features[p]);
      raw.threshold.push(thresholds[p]);
      raw.trueChild.push(mode === NodeMode.LEAF ? -1 : local.get(trueIds[p]) ?? -2);
      raw.falseChild.push(mode === NodeMode.LEAF ? -1 : local.get(falseIds[p]) ?? -2);
      raw.missingTracksTrue.push(missing.length ? missing[p] : 0);
      raw.cover.push(hitrates && hitrates.length === n ? hitrates[p] : 1);
      raw.members.push(undefined);
    }
    raws.set(treeId, { raw, local });
  }
  for (let v = 0; v < votes.weights.length; v++) {
    const entry = raws.get(votes.treeIds[v]);
    const id = entry?.local.get(votes.nodeIds[v]);
    if (!entry || id === undefined) return `${op}: leaf vote names tree ${votes.treeIds[v]} node ${votes.nodeIds[v]}, which does not exist`;
    const target = binarySingleScore ? 0 : votes.targets[v];
    const list = entry.raw.leafVotes.get(id);
    if (list) list.push([target, votes.weights[v]]);
    else entry.raw.leafVotes.set(id, [[target, votes.weights[v]]]);
  }
  const trees: Tree[] = [];
  let maxFeature = -1;
  for (const [treeId, { raw }] of raws) {
    const tree = finishTree(raw, outputCount, `${op} tree ${treeId}`);
    if (typeof tree === 'string') return tree;
    for (const f of tree.feature) maxFeature = Math.max(maxFeature, f);
    trees.push(tree);
  }
  const featureCount = inputFeatureCount ?? maxFeature + 1;
  if (maxFeature >= featureCount) return `${op}: a split uses feature ${maxFeature}, the input has ${featureCount} columns`;

  const postTransform = (attributeString(node, 'post_transform') ?? 'NONE') as PostTransform;
  const aggregate = (attributeString(node, 'aggregate_function') ?? 'SUM') as AggregateFunction;
  if (!postTransforms.includes(postTransform)) return `${op}: unknown post_transform '${postTransform}'`;
  if (!aggregateFunctions.includes(aggregate)) return `${op}: unknown aggregate_function '${aggregate}'`;
  return {
    opType: op,
    task: isClassifier ? 'classification' : 'regression',
    featureCount,
    outputCount,
    trees,
    baseValues,
    aggregate,
    postTransform,
    classLabels: labels,
    binarySingleScore,
    weightsAllNonNegative,
    coverSource: 'none', // decided by the caller from the covers themselves (treeCovers.ts)
    inputPrecision: 'float32',
  };
}
