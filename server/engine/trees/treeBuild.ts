/**
 * Builds the flat `Tree` from a node list in any order, renumbering nodes in depth-first
 * pre-order with the root at 0 (so a parent always precedes its children — the TreeSHAP and
 * cover passes rely on that). Both the opset 1–3 and the opset 5 parsers end here.
 */
import { NodeMode, type Tree } from './treeEnsembleTypes';

/** Nodes addressed by local ids 0..n−1; children are local ids, −1 for a leaf. */
export interface RawTree {
  readonly root: number;
  readonly feature: number[];
  readonly threshold: number[];
  readonly mode: number[];
  readonly trueChild: number[];
  readonly falseChild: number[];
  readonly missingTracksTrue: number[];
  readonly cover: number[];
  readonly members: (Set<number> | undefined)[];
  /** Leaf local id → (output index, weight) votes; several votes to one output add up. */
  readonly leafVotes: Map<number, [number, number][]>;
}

export function emptyRawTree(root: number): RawTree {
  return {
    root,
    feature: [],
    threshold: [],
    mode: [],
    trueChild: [],
    falseChild: [],
    missingTracksTrue: [],
    cover: [],
    members: [],
    leafVotes: new Map(),
  };
}

/** Largest output width we accept (classes or targets); beyond it the attributes are damaged or hostile. */
export const MAX_TREE_OUTPUTS = 100_000;
/** Largest leaf-value table of one tree (nodes × outputs), so a forged width cannot exhaust memory. */
const MAX_LEAF_VALUES = 2 ** 26;

/** Returns the tree, or a sentence saying why the node list is not a tree. */
export function finishTree(raw: RawTree, outputCount: number, label: string): Tree | string {
  const n = raw.mode.length;
  if (!Number.isInteger(outputCount) || outputCount < 1 || outputCount > MAX_TREE_OUTPUTS) return `${label}: ${outputCount} outputs (classes or targets) is not a usable width`;
  if (n * outputCount > MAX_LEAF_VALUES) return `${label}: ${n} nodes × ${outputCount} outputs is too large a tree to analyse`;
  const order: number[] = [];
  const newId = new Int32Array(n).fill(-1);
  const stack = [raw.root];
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (!Number.isInteger(id) || id < 0 || id >= n) return `${label}: child id ${id} does not name a node`;
    if (newId[id] !== -1) return `${label}: node ${id} is reached twice (not a tree)`;
    newId[id] = order.length;
    order.push(id);
    if (raw.mode[id] !== NodeMode.LEAF) {
      // Push the false child first so the true child is numbered next (pre-order).
      stack.push(raw.falseChild[id], raw.trueChild[id]);
    }
  }
  const m = order.length;
  if (m < n) return `${label}: ${n - m} node(s) cannot be reached from the root (not a tree)`;
  const tree = {
    nodeCount: m,
    feature: new Int32Array(m),
    threshold: new Float64Array(m),
    mode: new Uint8Array(m),
    trueChild: new Int32Array(m),
    falseChild: new Int32Array(m),
    missingTracksTrue: new Uint8Array(m),
    cover: new Float64Array(m),
    leafValue: new Float64Array(m * outputCount),
  };
  let members: Map<number, ReadonlySet<number>> | undefined;
  const voted = new Uint8Array(m * outputCount);
  let everyLeafVotesEverywhere = true;
  for (let k = 0; k < m; k++) {
    const id = order[k];
    const leaf = raw.mode[id] === NodeMode.LEAF;
    if (!leaf) {
      const f = raw.feature[id];
      if (!Number.isInteger(f) || f < 0) return `${label}: node ${id} splits on feature id ${f}, which is not a column index`;
      if (Number.isNaN(raw.threshold[id]) && raw.mode[id] !== NodeMode.BRANCH_MEMBER) return `${label}: node ${id} has a NaN threshold`;
      if (!(raw.mode[id] >= NodeMode.BRANCH_LEQ && raw.mode[id] <= NodeMode.BRANCH_MEMBER)) return `${label}: node ${id} has unknown mode ${raw.mode[id]}`;
    }
    tree.mode[k] = raw.mode[id];
    tree.feature[k] = leaf ? -1 : raw.feature[id];
    tree.threshold[k] = leaf ? 0 : raw.threshold[id];
    tree.trueChild[k] = leaf ? -1 : newId[raw.trueChild[id]];
    tree.falseChild[k] = leaf ? -1 : newId[raw.falseChild[id]];
    tree.missingTracksTrue[k] = raw.missingTracksTrue[id] ? 1 : 0;
    tree.cover[k] = raw.cover[id];
    const set = raw.members[id];
    if (set) (members ??= new Map()).set(k, set);
    // Votes on interior nodes are never reached by onnxruntime either, so they are dropped.
    for (const [target, weight] of leaf ? raw.leafVotes.get(id) ?? [] : []) {
      if (!Number.isInteger(target) || target < 0 || target >= outputCount) return `${label}: leaf vote for output ${target}, model has ${outputCount}`;
      if (Number.isNaN(weight)) return `${label}: leaf ${id} has a NaN weight`;
      tree.leafValue[k * outputCount + target] += weight;
      voted[k * outputCount + target] = 1;
    }
    if (leaf) for (let o = 0; o < outputCount; o++) everyLeafVotesEverywhere &&= voted[k * outputCount + o] === 1;
  }
  return { ...tree, ...(members ? { members } : {}), ...(everyLeafVotesEverywhere ? {} : { leafVoted: voted }) };
}
