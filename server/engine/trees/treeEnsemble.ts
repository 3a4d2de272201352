/**
 * Finds the tree ensemble in an ONNX graph and parses it, accepting only graphs where the trees
 * are the whole model: the input reaches the tree operator through value-preserving ops only,
 * and outputs are produced from its results by trivial ops (Identity, Cast, ZipMap, ArgMax,
 * shape ops, and the Sub/Concat/Sigmoid/Softmax that converters use to form probabilities).
 * Anything else (a Scaler in front, an Add after) would make the trees' margin differ from the
 * model's, so the graph is refused with the reason.
 */
import { OnnxDataType, type OnnxModel, type OnnxNode } from '../../loaders/model/onnxProto';
import { parseLegacyTreeEnsemble } from './parseLegacyTreeEnsemble';
import { parseTreeEnsembleV5 } from './parseTreeEnsembleV5';
import { coversLookReal } from './treeCovers';
import type { TreeEnsemble, TreeEnsembleGraphOutput, TreeEnsembleParse } from './treeEnsembleTypes';

const treeOps = new Set(['TreeEnsembleClassifier', 'TreeEnsembleRegressor', 'TreeEnsemble']);
/** Ops that pass values through unchanged (up to dtype or shape). */
const passThroughOps = new Set(['Identity', 'Cast', 'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze']);
/** Ops allowed after the trees; they only re-present the operator's results. */
const downstreamOps = new Set([...passThroughOps, 'ZipMap', 'ArgMax', 'Concat', 'Sub', 'Sigmoid', 'Softmax', 'Slice', 'Gather']);

function isMlDomain(node: OnnxNode): boolean {
  return node.domain === 'ai.onnx.ml';
}

export function parseTreeEnsemble(model: OnnxModel): TreeEnsembleParse {
  const graph = model.graph;
  const nodes = graph?.node ?? [];
  const trees = nodes.filter((n) => isMlDomain(n) && treeOps.has(n.opType));
  if (trees.length === 0) return { ok: false, reason: 'the graph has no ai.onnx.ml tree-ensemble operator' };
  if (trees.length > 1) return { ok: false, reason: `the graph has ${trees.length} tree-ensemble operators; only one is supported` };
  const treeNode = trees[0];
  const producer = new Map<string, OnnxNode>();
  for (const n of nodes) for (const o of n.output ?? []) producer.set(o, n);

  // Upstream: the tree input must be a graph input, possibly through pass-through ops.
  const upstream = new Set<OnnxNode>();
  let name = treeNode.input?.[0] ?? '';
  let castTo: number | undefined;
  for (let p = producer.get(name); p; p = producer.get(name)) {
    if (upstream.has(p)) return { ok: false, reason: `the tree input '${name}' is computed in a cycle; the graph is not valid ONNX` };
    if (!passThroughOps.has(p.opType)) return { ok: false, reason: `the tree input is computed by ${p.opType} ('${p.name ?? ''}'), which changes feature values` };
    if (p.opType === 'Cast' && castTo === undefined) castTo = Number(p.attribute?.find((a) => a.name === 'to')?.i);
    upstream.add(p);
    name = p.input?.[0] ?? '';
  }
  const input = graph?.input?.find((i) => i.name === name);
  if (!input) return { ok: false, reason: `the tree input '${name}' is not a graph input` };
  const dims = input.type?.tensorType?.shape?.dim ?? [];
  const width = dims.length === 2 && (dims[1].dimValue ?? 0) > 0 ? dims[1].dimValue : undefined;
  const elemType = castTo ?? input.type?.tensorType?.elemType;
  const precision = elemType === OnnxDataType.DOUBLE ? 'float64' : 'float32';

  for (const n of nodes) {
    if (n === treeNode || upstream.has(n)) continue;
    if (!downstreamOps.has(n.opType)) return { ok: false, reason: `${n.opType} ('${n.name ?? ''}') in the graph is not a trivial op around the trees` };
  }

  const parsed =
    treeNode.opType === 'TreeEnsemble' ? parseTreeEnsembleV5(treeNode, width, precision) : parseLegacyTreeEnsemble(treeNode, width);
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  const hasArgMax = nodes.some((n) => n.opType === 'ArgMax');
  const ensemble: TreeEnsemble = {
    ...parsed,
    task: parsed.opType === 'TreeEnsemble' && hasArgMax ? 'classification' : parsed.task,
    inputPrecision: precision,
    coverSource: parsed.opType !== 'TreeEnsemble' && coversLookReal(parsed.trees) ? 'model' : 'none',
  };

  // Downstream: name what each graph output holds by walking back to the tree operator.
  const isClassifier = treeNode.opType === 'TreeEnsembleClassifier';
  const outputs: TreeEnsembleGraphOutput[] = [];
  for (const out of graph?.output ?? []) {
    let holds: TreeEnsembleGraphOutput['holds'] | undefined;
    let via: 'direct' | 'zipmap' | 'argmax' | 'derived' = 'direct';
    let current = out.name;
    for (let guard = 0; guard <= nodes.length; guard++) {
      const p = producer.get(current);
      if (!p) break;
      if (p === treeNode) {
        const index = (p.output ?? []).indexOf(current);
        const tensor = isClassifier && index === 0 ? 'label' : 'scores';
        holds = via === 'direct' ? tensor : tensor === 'scores' && via === 'zipmap' ? 'scoreMap' : tensor === 'scores' && via === 'argmax' ? 'classIndex' : 'derived';
        break;
      }
      if (p.opType === 'ZipMap') via = via === 'direct' ? 'zipmap' : 'derived';
      else if (p.opType === 'ArgMax') via = via === 'direct' ? 'argmax' : 'derived';
      else if (!passThroughOps.has(p.opType)) via = 'derived';
      // Follow the first input that leads somewhere (Sub(1, p) has a constant first input).
      current = (p.input ?? []).find((i) => producer.has(i)) ?? '';
    }
    if (holds) outputs.push({ name: out.name, holds });
  }
  const scoresAreMargin =
    !ensemble.binarySingleScore &&
    (ensemble.postTransform === 'NONE' || (ensemble.outputCount === 1 && ensemble.task === 'regression' && ensemble.postTransform !== 'PROBIT'));
  return { ok: true, model: { ensemble, inputName: name, outputs, scoresAreMargin } };
}
