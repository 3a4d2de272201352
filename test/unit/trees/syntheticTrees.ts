/**
 * Small hand-built ensembles and brute-force oracles for the Shapley tests: the path-dependent
 * value function v(S) by its recursive definition (Lundberg et al. 2020, Algorithm 1) and the
 * interventional one by averaging over background rows, each fed to exact Shapley enumeration.
 */
import { childFor } from '../../../server/engine/trees/treeRouting';
import { NodeMode, type Tree, type TreeEnsemble } from '../../../server/engine/trees/treeEnsembleTypes';

export interface SpecNode {
  feature?: number;
  threshold?: number;
  mode?: number;
  missingTrue?: boolean;
  cover: number;
  yes?: SpecNode;
  no?: SpecNode;
  value?: number[];
}

export function buildTree(root: SpecNode, outputs: number): Tree {
  const nodes: SpecNode[] = [];
  const index = new Map<SpecNode, number>();
  const visit = (n: SpecNode): void => {
    index.set(n, nodes.length);
    nodes.push(n);
    if (n.yes && n.no) {
      visit(n.yes);
      visit(n.no);
    }
  };
  visit(root);
  const m = nodes.length;
  const tree = {
    nodeCount: m,
    feature: new Int32Array(m),
    threshold: new Float64Array(m),
    mode: new Uint8Array(m),
    trueChild: new Int32Array(m),
    falseChild: new Int32Array(m),
    missingTracksTrue: new Uint8Array(m),
    cover: new Float64Array(m),
    leafValue: new Float64Array(m * outputs),
  };
  nodes.forEach((n, k) => {
    const leaf = !(n.yes && n.no);
    tree.feature[k] = leaf ? -1 : n.feature ?? 0;
    tree.threshold[k] = n.threshold ?? 0;
    tree.mode[k] = leaf ? NodeMode.LEAF : n.mode ?? NodeMode.BRANCH_LT;
    tree.trueChild[k] = leaf ? -1 : (index.get(n.yes as SpecNode) as number);
    tree.falseChild[k] = leaf ? -1 : (index.get(n.no as SpecNode) as number);
    tree.missingTracksTrue[k] = n.missingTrue ? 1 : 0;
    tree.cover[k] = n.cover;
    if (leaf) (n.value ?? [0]).forEach((v, o) => (tree.leafValue[k * outputs + o] = v));
  });
  return tree;
}

export function buildEnsemble(trees: Tree[], featureCount: number, outputs: number, base: number[] = []): TreeEnsemble {
  return {
    opType: 'TreeEnsembleRegressor',
    task: 'regression',
    featureCount,
    outputCount: outputs,
    trees,
    baseValues: Float64Array.from({ length: outputs }, (_, k) => base[k] ?? 0),
    aggregate: 'SUM',
    postTransform: 'NONE',
    binarySingleScore: false,
    weightsAllNonNegative: false,
    coverSource: 'model',
    inputPrecision: 'float64',
  };
}

/** E[tree | x_S] with unknown features averaged by cover, per output. */
export function pathDependentValue(tree: Tree, x: ArrayLike<number>, inS: (f: number) => boolean, outputs: number, node = 0): number[] {
  if (tree.feature[node] < 0) return Array.from(tree.leafValue.subarray(node * outputs, (node + 1) * outputs));
  const f = tree.feature[node];
  if (inS(f)) return pathDependentValue(tree, x, inS, outputs, childFor(tree, node, x[f]));
  const t = tree.trueChild[node];
  const fa = tree.falseChild[node];
  const vt = pathDependentValue(tree, x, inS, outputs, t);
  const vf = pathDependentValue(tree, x, inS, outputs, fa);
  const c = tree.cover[node];
  return vt.map((v, k) => (v * tree.cover[t] + vf[k] * tree.cover[fa]) / c);
}

/** Exact Shapley values by enumerating all 2^d coalitions, [outputs, d]. */
export function enumerateShapley(d: number, outputs: number, value: (inS: (f: number) => boolean) => number[]): Float64Array {
  const fact = [1];
  for (let i = 1; i <= d; i++) fact.push(fact[i - 1] * i);
  const v = new Map<number, number[]>();
  for (let S = 0; S < 1 << d; S++) v.set(S, value((f) => (S & (1 << f)) !== 0));
  const phi = new Float64Array(outputs * d);
  for (let i = 0; i < d; i++) {
    for (let S = 0; S < 1 << d; S++) {
      if (S & (1 << i)) continue;
      let size = 0;
      for (let b = 0; b < d; b++) if (S & (1 << b)) size++;
      const w = (fact[size] * fact[d - size - 1]) / fact[d];
      const withI = v.get(S | (1 << i)) as number[];
      const without = v.get(S) as number[];
      for (let k = 0; k < outputs; k++) phi[k * d + i] += w * (withI[k] - without[k]);
    }
  }
  return phi;
}

/** Deterministic pseudo-random numbers (mulberry32) so failures reproduce from the seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random tree of the given depth over d features, repeated features allowed, covers consistent. */
export function randomTree(rand: () => number, d: number, depth: number, outputs: number): Tree {
  const grow = (level: number, cover: number): SpecNode => {
    if (level === depth || rand() < 0.15) return { cover, value: Array.from({ length: outputs }, () => rand() * 2 - 1) };
    const share = 0.1 + 0.8 * rand();
    return {
      feature: Math.floor(rand() * d),
      threshold: rand(),
      mode: [NodeMode.BRANCH_LT, NodeMode.BRANCH_LEQ, NodeMode.BRANCH_GT][Math.floor(rand() * 3)],
      missingTrue: rand() < 0.5,
      cover,
      yes: grow(level + 1, cover * share),
      no: grow(level + 1, cover * (1 - share)),
    };
  };
  return buildTree(grow(0, 100), outputs);
}
