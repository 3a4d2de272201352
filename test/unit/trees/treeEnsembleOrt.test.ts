/**
 * Hand-built ONNX tree models run by onnxruntime-node and by our parser + evaluator: one spec,
 * both backends. Covers the cases the fixtures lack: TreeEnsemble-5 (with a set-membership
 * split), *_as_tensor doubles, PROBIT, SOFTMAX_ZERO, AVERAGE/MIN/MAX, both binary quirks, and
 * graphs we must refuse.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { encodeOnnx, type OnnxAttribute, type OnnxModel, type OnnxNode } from '../../../server/loaders/model/onnxProto';
import { parseTreeEnsemble } from '../../../server/engine/trees/treeEnsemble';
import { createTreePredictor } from '../../../server/engine/trees/treePredictor';
import { seededRandom } from './syntheticTrees';

/** onnxruntime computes in float32: 1e-5 abs + 1e-6 × scale, the fixtures' rule. */
const ORT_ABS_TOLERANCE = 1e-5;
const ORT_REL_TOLERANCE = 1e-6;

type AttrValue = number | string | number[] | string[] | { tensor: number[]; type: number; dims?: number[] };
const str = (s: string) => Buffer.from(s, 'utf8');

function attr(name: string, v: AttrValue): OnnxAttribute {
  if (typeof v === 'string') return { name, type: 3, s: str(v) };
  if (typeof v === 'number') return { name, type: 2, i: v };
  if (Array.isArray(v)) {
    if (typeof v[0] === 'string') return { name, type: 8, strings: (v as string[]).map(str) };
    return name.match(/values|weights|hitrates|base/) ? { name, type: 6, floats: v as number[] } : { name, type: 7, ints: v as number[] };
  }
  const dims = v.dims ?? [v.tensor.length];
  const t = v.type === 11 ? { doubleData: v.tensor } : v.type === 1 ? { floatData: v.tensor } : v.type === 2 ? { rawData: Uint8Array.from(v.tensor) } : { int64Data: v.tensor };
  return { name, type: 4, t: { dims, dataType: v.type, ...t } };
}

function model(op: string, attrs: Record<string, AttrValue>, outputs: string[], d: number, inputType = 1, mlOpset = 3, extra: OnnxNode[] = []): Uint8Array {
  const node: OnnxNode = { opType: op, domain: 'ai.onnx.ml', input: ['X'], output: outputs.map((o) => (extra.length ? `t_${o}` : o)), attribute: Object.entries(attrs).map(([k, v]) => attr(k, v)) };
  const m: OnnxModel = {
    irVersion: 10,
    opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: mlOpset }],
    graph: {
      name: 'g',
      node: [node, ...extra],
      input: [{ name: 'X', type: { tensorType: { elemType: inputType, shape: { dim: [{ dimParam: 'N' }, { dimValue: d }] } } } }],
      output: outputs.map((o) => ({ name: o })),
    },
  };
  return encodeOnnx(m);
}

// Two trees over 3 features (opset 1–3 layout): tree 0 splits f0 ≤ 0.5 then f1 < 0.3 (NaN → true);
// tree 1 splits f2 > 0.1 (NaN → false).
const nodes = {
  nodes_treeids: [0, 0, 0, 0, 0, 1, 1, 1],
  nodes_nodeids: [0, 1, 2, 3, 4, 0, 1, 2],
  nodes_featureids: [0, 0, 1, 0, 0, 2, 0, 0],
  nodes_modes: ['BRANCH_LEQ', 'LEAF', 'BRANCH_LT', 'LEAF', 'LEAF', 'BRANCH_GT', 'LEAF', 'LEAF'],
  nodes_values: [0.5, 0, 0.3, 0, 0, 0.1, 0, 0],
  nodes_truenodeids: [1, 0, 3, 0, 0, 1, 0, 0],
  nodes_falsenodeids: [2, 0, 4, 0, 0, 2, 0, 0],
  nodes_missing_value_tracks_true: [0, 0, 1, 0, 0, 0, 0, 0],
  nodes_hitrates: [10, 4, 6, 3, 3, 10, 5, 5],
};
const leaves = { tree: [0, 0, 0, 1, 1], node: [1, 3, 4, 1, 2] };

function classifier(weights: number[], classes: number[], labels: number, post: string, base?: number[]): Record<string, AttrValue> {
  const n = weights.length / leaves.tree.length;
  const rep = <T>(a: T[]) => a.flatMap((v) => Array<T>(n).fill(v));
  return {
    ...nodes,
    class_treeids: rep(leaves.tree),
    class_nodeids: rep(leaves.node),
    class_ids: classes,
    class_weights: weights,
    classlabels_int64s: Array.from({ length: labels }, (_, i) => i),
    post_transform: post,
    ...(base ? { base_values: base } : {}),
  };
}

function regressor(weights: number[], targets: number[], nTargets: number, extra: Record<string, AttrValue>): Record<string, AttrValue> {
  const n = weights.length / leaves.tree.length;
  const rep = <T>(a: T[]) => a.flatMap((v) => Array<T>(n).fill(v));
  return { ...nodes, target_treeids: rep(leaves.tree), target_nodeids: rep(leaves.node), target_ids: targets, target_weights: weights, n_targets: nTargets, ...extra };
}

function inputs(rows: number, d: number): Float32Array {
  const rand = seededRandom(7);
  return Float32Array.from({ length: rows * d }, (_, i) => (i % 5 === 1 ? NaN : rand()));
}

async function compareWithOrt(bytes: Uint8Array, d: number, scoresName: string, inputType = 1): Promise<void> {
  const parsed = parseTreeEnsemble((await import('../../../server/loaders/model/onnxProto')).decodeOnnx(bytes));
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.reason);
  const rows = 40;
  const x = inputs(rows, d);
  const session = await ort.InferenceSession.create(bytes);
  const feed = inputType === 11 ? new ort.Tensor('float64', Float64Array.from(x), [rows, d]) : new ort.Tensor('float32', x, [rows, d]);
  const result = await session.run({ X: feed });
  const expected = Array.from(result[scoresName].data as Float32Array, Number);
  const ours = createTreePredictor(parsed.model.ensemble, 'output').operatorScores(x, rows);
  assert.equal(ours.length, expected.length);
  const scale = Math.max(...expected.map(Math.abs));
  ours.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= ORT_ABS_TOLERANCE + ORT_REL_TOLERANCE * scale, `entry ${i}: ours ${v}, onnxruntime ${expected[i]}`));
  assert.ok(parsed.model.outputs.some((o) => o.name === scoresName && o.holds === 'scores'));
}

const cases: [string, () => Uint8Array, string, number?][] = [
  ['binary single score, all weights ≥ 0, LOGISTIC (ORT skips the logistic)', () => model('TreeEnsembleClassifier', classifier([0.1, 0.2, 0.3, 0.05, 0.15], [0, 0, 0, 0, 0], 2, 'LOGISTIC', [0.1]), ['label', 'probabilities'], 3), 'probabilities'],
  ['binary single score, mixed weights, LOGISTIC', () => model('TreeEnsembleClassifier', classifier([0.1, -0.2, 0.3, -0.05, 0.15], [0, 0, 0, 0, 0], 2, 'LOGISTIC', [0.1]), ['label', 'probabilities'], 3), 'probabilities'],
  ['binary single score, mixed weights, NONE', () => model('TreeEnsembleClassifier', classifier([0.1, -0.2, 0.3, -0.05, 0.15], [0, 0, 0, 0, 0], 2, 'NONE'), ['label', 'probabilities'], 3), 'probabilities'],
  ['three classes, SOFTMAX_ZERO with zero scores', () => model('TreeEnsembleClassifier', classifier([1, 0, 0, 0, 2, 0, 0, 0, 3, 0.5, 0, 0, 0, 0, 0], Array(5).fill([0, 1, 2]).flat(), 3, 'SOFTMAX_ZERO'), ['label', 'probabilities'], 3), 'probabilities'],
  ['three classes, SOFTMAX with base values', () => model('TreeEnsembleClassifier', classifier([1, -1, 0, 0, 2, 0.5, -1, 0, 3, 0.5, 0, 1, 0, 0, 2], Array(5).fill([0, 1, 2]).flat(), 3, 'SOFTMAX', [0.1, 0.2, -0.3]), ['label', 'probabilities'], 3), 'probabilities'],
  ['regressor PROBIT (single target)', () => model('TreeEnsembleRegressor', regressor([0.1, 0.2, 0.3, 0.05, 0.15], [0, 0, 0, 0, 0], 1, { post_transform: 'PROBIT', base_values: [0.1] }), ['Y'], 3), 'Y'],
  ['regressor LOGISTIC single target (ORT ignores it)', () => model('TreeEnsembleRegressor', regressor([1, 2, 3, -1, 1.5], [0, 0, 0, 0, 0], 1, { post_transform: 'LOGISTIC' }), ['Y'], 3), 'Y'],
  ['regressor AVERAGE, two targets, LOGISTIC', () => model('TreeEnsembleRegressor', regressor([1, 2, 3, -1, 1.5, 0, 2, 1, -2, 0.5], [0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 2, { aggregate_function: 'AVERAGE', post_transform: 'LOGISTIC', base_values: [0.5, -0.5] }), ['Y'], 3), 'Y'],
  [
    'regressor MIN, two targets, a tree not voting for target 1',
    () =>
      model('TreeEnsembleRegressor', { ...nodes, target_treeids: [0, 0, 0, 0, 0, 0, 1, 1], target_nodeids: [1, 1, 3, 3, 4, 4, 1, 2], target_ids: [0, 1, 0, 1, 0, 1, 0, 0], target_weights: [1, 2, 3, -1, 1.5, 4, 2, -1], n_targets: 2, aggregate_function: 'MIN' }, ['Y'], 3),
    'Y',
  ],
  ['regressor MAX', () => model('TreeEnsembleRegressor', regressor([1, 2, 3, -1, 1.5], [0, 0, 0, 0, 0], 1, { aggregate_function: 'MAX' }), ['Y'], 3), 'Y'],
  [
    'regressor with *_as_tensor doubles and a double input',
    () => {
      const { nodes_values, nodes_hitrates, ...rest } = regressor([0.1, 0.2, 0.3, 0.05, 0.15], [0, 0, 0, 0, 0], 1, {});
      void nodes_hitrates;
      const { target_weights, ...noWeights } = rest;
      void target_weights;
      return model('TreeEnsembleRegressor', { ...noWeights, nodes_values_as_tensor: { tensor: nodes_values as number[], type: 11 }, target_weights_as_tensor: { tensor: [0.1, 0.2, 0.3, 0.05, 0.15], type: 11 } }, ['Y'], 3, 11);
    },
    'Y',
    11,
  ],
  [
    'TreeEnsemble-5 with a set-membership split and a single-leaf tree',
    () =>
      model(
        'TreeEnsemble',
        {
          nodes_featureids: [0, 1, 2],
          nodes_splits: { tensor: [0.5, 0.3, NaN], type: 1 },
          nodes_modes: { tensor: [0, 1, 6], type: 2 },
          nodes_truenodeids: [0, 1, 3],
          nodes_falsenodeids: [1, 2, 4],
          nodes_trueleafs: [1, 1, 1],
          nodes_falseleafs: [0, 1, 1],
          nodes_missing_value_tracks_true: [0, 1, 0],
          membership_values: { tensor: [0.25, 0.75, NaN], type: 1 },
          leaf_targetids: [0, 0, 0, 1, 0, 1],
          leaf_weights: { tensor: [1, 2, 3, -1, 0.5, 4], type: 1 },
          tree_roots: [0, 2],
          n_targets: 2,
          aggregate_function: 1,
          post_transform: 0,
        },
        ['Y'],
        3,
        1,
        5,
      ),
    'Y',
  ],
];

for (const [name, build, scores, inputType] of cases) {
  test(`onnxruntime and the pure-JS evaluator agree: ${name}`, async () => {
    await compareWithOrt(build(), 3, scores, inputType);
  });
}

test('EXPECTED FAILURE: a graph with a Scaler in front of the trees is refused with the reason', async () => {
  const { decodeOnnx } = await import('../../../server/loaders/model/onnxProto');
  const bytes = model('TreeEnsembleRegressor', regressor([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], 1, {}), ['Y'], 3);
  const m = decodeOnnx(bytes);
  const graph = m.graph as NonNullable<OnnxModel['graph']>;
  const trees = (graph.node ?? [])[0];
  trees.input = ['scaled'];
  graph.node = [{ opType: 'Scaler', domain: 'ai.onnx.ml', name: 'scale', input: ['X'], output: ['scaled'] }, trees];
  const parsed = parseTreeEnsemble(m);
  assert.ok(!parsed.ok && /Scaler/.test(parsed.reason), parsed.ok ? 'accepted' : parsed.reason);
});
