/**
 * Tiny ONNX models built with the protobuf builders, whose inputs include a sensitive column
 * (the fixture models never take one): logistic regressions with one [N, d] input or one
 * input per column, optionally ending in a skl2onnx-style ZipMap, and tree ensembles whose
 * labels go through class labels other than 0..C-1.
 */
import type { OnnxAttribute, OnnxModel, OnnxNode } from '../../../server/loaders/model/onnxProto';
import { OnnxDataType } from '../../../server/loaders/model/onnxProto';
import { floatTensor, intAttribute, intsAttribute, node, tensorValueInfo } from '../../../server/engine/graph/onnxBuild';

export interface Logistic {
  readonly mean: readonly number[];
  readonly scale: readonly number[];
  readonly coef: readonly number[];
  readonly bias: number;
}

const OPSETS = [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 3 }];

/** Standardise → Gemm → Sigmoid → [1−p, p] → ArgMax, as the fixtures' sklearn exports do. */
function logisticBody(x: string, m: Logistic, zipMap: boolean): { nodes: OnnxNode[]; outputs: ReturnType<typeof tensorValueInfo>[] } {
  const probs = zipMap ? 'probability_tensor' : 'probabilities';
  const nodes = [
    node('Sub', [x, 'sc_mean'], ['x_centered']),
    node('Div', ['x_centered', 'sc_scale'], ['x_scaled']),
    node('Gemm', ['x_scaled', 'W', 'B'], ['logits']),
    node('Sigmoid', ['logits'], ['p_pos']),
    node('Sub', ['one_f', 'p_pos'], ['p_neg']),
    node('Concat', ['p_neg', 'p_pos'], [probs], [intAttribute('axis', 1)]),
    node('ArgMax', [probs], [zipMap ? 'output_label' : 'label'], [intAttribute('axis', 1), intAttribute('keepdims', 0)]),
  ];
  if (!zipMap) return { nodes, outputs: [tensorValueInfo('label', OnnxDataType.INT64, ['N']), tensorValueInfo('probabilities', OnnxDataType.FLOAT, ['N', 2])] };
  nodes.push(node('ZipMap', [probs], ['output_probability'], [{ name: 'classlabels_int64s', type: 7, ints: [0, 1] }], undefined, 'ai.onnx.ml'));
  const zipType = { sequenceType: { elemType: { mapType: { keyType: OnnxDataType.INT64, valueType: { tensorType: { elemType: OnnxDataType.FLOAT } } } } } };
  return { nodes, outputs: [tensorValueInfo('output_label', OnnxDataType.INT64, ['N']), { name: 'output_probability', type: zipType }] };
}

function logisticInitializers(m: Logistic) {
  const d = m.coef.length;
  return [floatTensor('sc_mean', [d], m.mean), floatTensor('sc_scale', [d], m.scale), floatTensor('W', [d, 1], m.coef), floatTensor('B', [1], [m.bias]), floatTensor('one_f', [1], [1])];
}

/** One float [N, d] input named `input`. */
export function logisticMatrixModel(m: Logistic, features: readonly string[], zipMap = false): OnnxModel {
  const body = logisticBody('input', m, zipMap);
  return {
    irVersion: 8,
    opsetImport: OPSETS,
    metadataProps: [{ key: 'feature_names', value: JSON.stringify(features) }],
    graph: { name: 'logistic', node: body.nodes, initializer: logisticInitializers(m), input: [tensorValueInfo('input', OnnxDataType.FLOAT, ['N', features.length])], output: body.outputs },
  };
}

/** One float [N, 1] input per feature, concatenated in order. */
export function logisticColumnsModel(m: Logistic, features: readonly string[]): OnnxModel {
  const body = logisticBody('stacked', m, false);
  return {
    irVersion: 8,
    opsetImport: OPSETS,
    graph: {
      name: 'logistic_columns',
      node: [node('Concat', [...features], ['stacked'], [intAttribute('axis', 1)]), ...body.nodes],
      initializer: logisticInitializers(m),
      input: features.map((f) => tensorValueInfo(f, OnnxDataType.FLOAT, ['N', 1])),
      output: body.outputs,
    },
  };
}

export interface Tree {
  /** Per node: feature index (−1 = leaf), threshold, children (BRANCH_LEQ: x ≤ t goes to `yes`). */
  readonly nodes: readonly { feature: number; threshold?: number; yes?: number; no?: number; weights?: readonly number[] }[];
}

/** TreeEnsembleClassifier over a float [N, d] input, leaves hold one weight per class. */
export function treeClassifierModel(trees: readonly Tree[], d: number, classLabels: readonly number[] | readonly string[], features: readonly string[], post = 'NONE'): OnnxModel {
  const ints = (name: string, v: number[]): OnnxAttribute => intsAttribute(name, v);
  const floats = (name: string, v: number[]): OnnxAttribute => ({ name, type: 6, floats: v });
  const strings = (name: string, v: string[]): OnnxAttribute => ({ name, type: 8, strings: v.map((s) => Buffer.from(s)) });
  const a = { treeIds: [] as number[], nodeIds: [] as number[], featureIds: [] as number[], modes: [] as string[], values: [] as number[], yes: [] as number[], no: [] as number[] };
  const c = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };
  trees.forEach((t, ti) =>
    t.nodes.forEach((n, ni) => {
      a.treeIds.push(ti);
      a.nodeIds.push(ni);
      a.featureIds.push(Math.max(0, n.feature));
      a.modes.push(n.feature < 0 ? 'LEAF' : 'BRANCH_LEQ');
      a.values.push(n.threshold ?? 0);
      a.yes.push(n.yes ?? 0);
      a.no.push(n.no ?? 0);
      (n.weights ?? []).forEach((w, k) => {
        c.treeIds.push(ti);
        c.nodeIds.push(ni);
        c.ids.push(k);
        c.weights.push(w);
      });
    }),
  );
  const labelsAttr = typeof classLabels[0] === 'string' ? strings('classlabels_strings', classLabels as string[]) : ints('classlabels_int64s', classLabels as number[]);
  const attrs: OnnxAttribute[] = [
    ints('nodes_treeids', a.treeIds),
    ints('nodes_nodeids', a.nodeIds),
    ints('nodes_featureids', a.featureIds),
    strings('nodes_modes', a.modes),
    floats('nodes_values', a.values),
    ints('nodes_truenodeids', a.yes),
    ints('nodes_falsenodeids', a.no),
    ints('class_treeids', c.treeIds),
    ints('class_nodeids', c.nodeIds),
    ints('class_ids', c.ids),
    floats('class_weights', c.weights),
    labelsAttr,
    { name: 'post_transform', type: 3, s: Buffer.from(post) },
  ];
  const labelType = typeof classLabels[0] === 'string' ? OnnxDataType.STRING : OnnxDataType.INT64;
  return {
    irVersion: 8,
    opsetImport: OPSETS,
    metadataProps: [{ key: 'feature_names', value: JSON.stringify(features) }],
    graph: {
      name: 'trees',
      node: [node('TreeEnsembleClassifier', ['input'], ['label', 'probabilities'], attrs, 'trees', 'ai.onnx.ml')],
      input: [tensorValueInfo('input', OnnxDataType.FLOAT, ['N', d])],
      output: [tensorValueInfo('label', labelType, ['N']), tensorValueInfo('probabilities', OnnxDataType.FLOAT, ['N', classLabels.length])],
    },
  };
}
