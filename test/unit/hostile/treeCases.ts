/**
 * Tree-ensemble attributes that do not form a forest: mismatched lengths, ids out of range,
 * cycles, NaN thresholds, unknown modes, forged widths. The parser must return a reason (never
 * loop or throw); the runner decodes the written file and calls parseTreeEnsemble.
 */
import { node, tensorValueInfo } from '../../../server/engine/graph/onnxBuild';
import { OnnxDataType, type OnnxAttribute, type OnnxModel } from '../../../server/loaders/model/onnxProto';
import { writeModel } from './baseModels';
import type { HostileCase } from './corpusTypes';

type Attrs = Record<string, number[] | string[] | string | number>;

function toAttribute(name: string, v: Attrs[string]): OnnxAttribute {
  if (typeof v === 'string') return { name, type: 3, s: Buffer.from(v) };
  if (typeof v === 'number') return { name, type: 2, i: v };
  if (v.length && typeof v[0] === 'string') return { name, type: 8, strings: (v as string[]).map((s) => Buffer.from(s)) };
  const nums = v as number[];
  // Non-integers (NaN) in an id list travel as floats: attributeNumbers reads whichever list is present.
  return /values|weights|splits|hitrates/.test(name) || nums.some((x) => !Number.isInteger(x)) ? { name, type: 6, floats: nums } : { name, type: 7, ints: nums };
}

function treeModel(opType: string, attrs: Attrs, extraNodes: ReturnType<typeof node>[] = [], treeInput = 'X'): OnnxModel {
  const attribute = Object.entries(attrs).map(([k, v]) => toAttribute(k, v));
  return {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: opType === 'TreeEnsemble' ? 5 : 3 }],
    graph: {
      name: 'trees',
      node: [...extraNodes, { opType, domain: 'ai.onnx.ml', input: [treeInput], output: ['variable'], attribute }],
      input: [tensorValueInfo('X', OnnxDataType.FLOAT, ['N', 2])],
      output: [tensorValueInfo('variable', OnnxDataType.FLOAT, ['N', 1])],
    },
  };
}

/** One split on feature 0 at 0.5 and two leaves (1 and 2). */
const legacyBase = (): Attrs => ({
  nodes_treeids: [0, 0, 0],
  nodes_nodeids: [0, 1, 2],
  nodes_featureids: [0, 0, 0],
  nodes_values: [0.5, 0, 0],
  nodes_modes: ['BRANCH_LEQ', 'LEAF', 'LEAF'],
  nodes_truenodeids: [1, 0, 0],
  nodes_falsenodeids: [2, 0, 0],
  target_treeids: [0, 0],
  target_nodeids: [1, 2],
  target_ids: [0, 0],
  target_weights: [1, 2],
  n_targets: 1,
});

const v5Base = (): Attrs => ({
  nodes_splits: [0.5],
  nodes_featureids: [0],
  nodes_modes: [0],
  nodes_truenodeids: [0],
  nodes_falsenodeids: [1],
  nodes_trueleafs: [1],
  nodes_falseleafs: [1],
  leaf_targetids: [0, 0],
  leaf_weights: [1, 2],
  tree_roots: [0],
  n_targets: 1,
});

const legacy = (name: string, edit: (a: Attrs) => void, expect: RegExp): HostileCase => ({
  name: `TreeEnsembleRegressor: ${name}`,
  category: 'tree',
  target: 'tree',
  build: (d) => {
    const a = legacyBase();
    edit(a);
    return writeModel(d, 'trees.onnx', treeModel('TreeEnsembleRegressor', a));
  },
  expect,
});

const v5 = (name: string, edit: (a: Attrs) => void, expect: RegExp): HostileCase => ({
  name: `TreeEnsemble-5: ${name}`,
  category: 'tree',
  target: 'tree',
  build: (d) => {
    const a = v5Base();
    edit(a);
    return writeModel(d, 'trees.onnx', treeModel('TreeEnsemble', a));
  },
  expect,
});

export const treeCases: readonly HostileCase[] = [
  legacy('nodes_featureids shorter than nodes_treeids', (a) => (a.nodes_featureids = [0, 0]), /nodes_featureids has 2 entries, nodes_treeids has 3/),
  legacy('nodes_modes longer', (a) => (a.nodes_modes = ['BRANCH_LEQ', 'LEAF', 'LEAF', 'LEAF']), /nodes_modes has 4 entries/),
  legacy('target_* lengths differ', (a) => (a.target_ids = [0]), /lengths 2\/2\/1\/2, expected equal/),
  legacy('split on feature 5 of a 2-column input', (a) => (a.nodes_featureids = [5, 0, 0]), /uses feature 5, the input has 2 columns/),
  legacy('negative feature id', (a) => (a.nodes_featureids = [-1, 0, 0]), /feature id -1, which is not a column index/),
  legacy('child id names no node', (a) => (a.nodes_truenodeids = [7, 0, 0]), /child id -2 does not name a node|does not name a node/),
  legacy('node is its own child (cycle)', (a) => (a.nodes_truenodeids = [0, 0, 0]), /reached twice|not a tree/),
  legacy(
    'two-node cycle',
    (a) => {
      a.nodes_modes = ['BRANCH_LEQ', 'BRANCH_LEQ', 'LEAF'];
      a.nodes_truenodeids = [1, 0, 0];
      a.nodes_falsenodeids = [2, 2, 0];
      a.target_nodeids = [2, 2];
    },
    /reached twice|not a tree/,
  ),
  legacy('NaN threshold', (a) => (a.nodes_values = [NaN, 0, 0]), /NaN threshold/),
  legacy('unknown mode', (a) => (a.nodes_modes = ['BRANCH_SOMETIMES', 'LEAF', 'LEAF']), /unknown mode 'BRANCH_SOMETIMES'/),
  legacy('leaf vote names a missing node', (a) => (a.target_nodeids = [1, 9]), /names tree 0 node 9, which does not exist/),
  legacy('leaf vote for output 3 of 1', (a) => (a.target_ids = [0, 3]), /leaf vote for output 3, model has 1/),
  legacy('n_targets forged to 10^9', (a) => (a.n_targets = 1e9), /not a usable output width/),
  legacy('NaN leaf weight', (a) => (a.target_weights = [1, NaN]), /NaN weight/),
  legacy('unknown post_transform', (a) => (a.post_transform = 'EXPLODE'), /unknown post_transform 'EXPLODE'/),
  legacy('unknown aggregate_function', (a) => (a.aggregate_function = 'MEDIAN'), /unknown aggregate_function 'MEDIAN'/),
  legacy('leaf attributes missing', (a) => (delete a.target_weights), /target_\* leaf attributes are missing/),
  {
    name: 'TreeEnsembleClassifier: no class labels',
    category: 'tree',
    target: 'tree',
    build: (d) => {
      const a = legacyBase();
      for (const k of ['target_treeids', 'target_nodeids', 'target_ids', 'target_weights']) {
        a[k.replace('target', 'class')] = a[k];
        delete a[k];
      }
      delete a.n_targets;
      return writeModel(d, 'trees.onnx', treeModel('TreeEnsembleClassifier', a));
    },
    expect: /no classlabels_strings/,
  },
  {
    name: 'tree input computed in an Identity cycle',
    category: 'tree',
    target: 'tree',
    build: (d) => writeModel(d, 'trees.onnx', treeModel('TreeEnsembleRegressor', legacyBase(), [node('Identity', ['loop'], ['loop'])], 'loop')),
    expect: /cycle/,
  },
  v5('nodes_* lengths differ', (a) => (a.nodes_splits = [0.5, 0.7]), /nodes_\* attributes must have equal lengths/),
  v5('leaf_targetids and leaf_weights differ', (a) => (a.leaf_weights = [1]), /leaf_targetids has 2 entries, leaf_weights 1/),
  v5('tree root out of range', (a) => (a.tree_roots = [4]), /is not a node index/),
  v5('tree root NaN', (a) => (a.tree_roots = [NaN]), /is not a node index/),
  v5(
    'interior node points back to itself (cycle)',
    (a) => {
      a.nodes_trueleafs = [0];
    },
    /cycle|reached twice|out of range/,
  ),
  v5('unknown mode 9', (a) => (a.nodes_modes = [9]), /unknown mode 9/),
  v5('leaf index out of range', (a) => (a.nodes_falsenodeids = [7]), /child id out of range/),
  v5('leaf target forged to 10^9 (no n_targets)', (a) => ((a.leaf_targetids = [0, 1e9]), delete a.n_targets), /not a usable output width/),
  v5('feature id NaN', (a) => (a.nodes_featureids = [NaN]), /not a column index/),
  v5('post_transform out of range', (a) => (a.post_transform = 17), /post_transform or aggregate_function out of range/),
  v5('required attribute missing', (a) => delete a.tree_roots, /attribute tree_roots is missing/),
];
