/**
 * Per-tree path data for path-dependent TreeSHAP, computed once per model: for every leaf, the
 * interior nodes on its path with the branch taken, its distinct features with their zero
 * fractions (products of cover ratios, Lundberg et al. 2020), and — when small enough — a table
 * of the leaf game's Shapley values for every satisfied-set mask (FastTreeSHAP v2, Yang 2022:
 * trade memory for per-row work). A row then needs one comparison per interior node and one
 * table lookup per leaf and feature.
 */
import { leafGameShapley } from './leafShapley';
import type { Tree } from './treeEnsembleTypes';

/**
 * Leaves whose path is longer than this are computed per row (O(m²)), not tabled: a table has
 * one row per agree/disagree pattern of the path's splits (2^length rows of m values).
 */
export const MAX_TABLED_PATH_LENGTH = 12;
/** Upper bound on table entries per model: 8M doubles = 64 MB. */
export const TABLE_BUDGET_ENTRIES = 8_000_000;
/** Bit masks are 32-bit ints; deeper distinct-feature paths cannot be represented. */
export const MAX_PATH_FEATURES = 30;

export interface TreePaths {
  readonly leafCount: number;
  readonly leafNode: Int32Array;
  /** Path elements of leaf l: [pathStart[l], pathStart[l+1]). */
  readonly pathStart: Int32Array;
  readonly pathNode: Int32Array;
  readonly pathWentTrue: Uint8Array;
  /** Index of the element's feature within the leaf's distinct features. */
  readonly pathSlot: Uint8Array;
  /** Distinct features of leaf l: [uniqueStart[l], uniqueStart[l+1]). */
  readonly uniqueStart: Int32Array;
  readonly uniqueFeature: Int32Array;
  readonly uniqueZero: Float64Array;
  /** Π of the leaf's zero fractions: its weight in the expected value E[f]. */
  readonly leafProbability: Float64Array;
  /** Depth of every node (root 0); bit `depth` of a row's path mask is that split's agreement. */
  readonly nodeDepth: Int32Array;
  /** Offset of leaf l's table [2^pathLength, m] in `table`, or −1 when computed per row. */
  readonly tableStart: Int32Array;
  table: Float64Array;
}

/**
 * Share of a child in its parent's cover. A parent no training row reached has no share to
 * give; splitting it evenly keeps E[f] a proper average (those paths carry weight 0 anyway).
 */
function coverRatio(child: number, parent: number): number {
  return parent > 0 ? child / parent : 0.5;
}

export function treePaths(tree: Tree): TreePaths | string {
  const leaves: number[] = [];
  const pathStart: number[] = [0];
  const pathNode: number[] = [];
  const pathWentTrue: number[] = [];
  const pathSlot: number[] = [];
  const uniqueStart: number[] = [0];
  const uniqueFeature: number[] = [];
  const uniqueZero: number[] = [];
  const leafProbability: number[] = [];
  // Depth-first walk keeping the current path (node, went-true) on a stack.
  const stackNode: number[] = [0];
  const stackDepth: number[] = [0];
  const path: [number, number][] = [];
  while (stackNode.length > 0) {
    const node = stackNode.pop() as number;
    const depth = stackDepth.pop() as number;
    path.length = depth;
    if (depth > 0) {
      // The element at depth−1 records the parent; its branch is decided by which child we are.
      const parent = path[depth - 1][0];
      path[depth - 1][1] = tree.trueChild[parent] === node ? 1 : 0;
    }
    if (tree.feature[node] >= 0) {
      path.push([node, 0]);
      stackNode.push(tree.falseChild[node], tree.trueChild[node]);
      stackDepth.push(depth + 1, depth + 1);
      continue;
    }
    leaves.push(node);
    const slots = new Map<number, number>();
    let probability = 1;
    for (const [p, wentTrue] of path) {
      const f = tree.feature[p];
      const child = wentTrue ? tree.trueChild[p] : tree.falseChild[p];
      const ratio = coverRatio(tree.cover[child], tree.cover[p]);
      probability *= ratio;
      let slot = slots.get(f);
      if (slot === undefined) {
        slot = slots.size;
        slots.set(f, slot);
        uniqueFeature.push(f);
        uniqueZero.push(ratio);
      } else uniqueZero[uniqueStart[uniqueStart.length - 1] + slot] *= ratio;
      pathNode.push(p);
      pathWentTrue.push(wentTrue);
      pathSlot.push(slot);
    }
    if (slots.size > MAX_PATH_FEATURES) return `a leaf path splits on ${slots.size} distinct features; at most ${MAX_PATH_FEATURES} are supported`;
    pathStart.push(pathNode.length);
    uniqueStart.push(uniqueFeature.length);
    leafProbability.push(probability);
  }
  const L = leaves.length;
  const nodeDepth = new Int32Array(tree.nodeCount);
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.feature[node] >= 0) nodeDepth[tree.trueChild[node]] = nodeDepth[tree.falseChild[node]] = nodeDepth[node] + 1;
  }
  return {
    nodeDepth,
    leafCount: L,
    leafNode: Int32Array.from(leaves),
    pathStart: Int32Array.from(pathStart),
    pathNode: Int32Array.from(pathNode),
    pathWentTrue: Uint8Array.from(pathWentTrue),
    pathSlot: Uint8Array.from(pathSlot),
    uniqueStart: Int32Array.from(uniqueStart),
    uniqueFeature: Int32Array.from(uniqueFeature),
    uniqueZero: Float64Array.from(uniqueZero),
    leafProbability: Float64Array.from(leafProbability),
    tableStart: new Int32Array(L).fill(-1),
    table: new Float64Array(0),
  };
}

/**
 * Fills leaf tables while `budget` (entries) lasts; returns the budget left. Row `pathMask` of a
 * leaf's table (bit e: the row agrees with the e-th split from the root) holds the unit-weight
 * Shapley values of the leaf's distinct features. Indexing by split agreement rather than by
 * feature lets a row's masks be built in one pass over the nodes, parent before child.
 */
export function addLeafTables(paths: TreePaths, budget: number): number {
  let size = 0;
  const starts = paths.tableStart;
  for (let l = 0; l < paths.leafCount; l++) {
    const m = paths.uniqueStart[l + 1] - paths.uniqueStart[l];
    const length = paths.pathStart[l + 1] - paths.pathStart[l];
    const entries = m * 2 ** length;
    if (m === 0 || length > MAX_TABLED_PATH_LENGTH || size + entries > budget) continue;
    starts[l] = size;
    size += entries;
  }
  const table = new Float64Array(size);
  const scratch = new Float64Array(MAX_TABLED_PATH_LENGTH + 1);
  for (let l = 0; l < paths.leafCount; l++) {
    if (starts[l] < 0) continue;
    const m = paths.uniqueStart[l + 1] - paths.uniqueStart[l];
    const e0 = paths.pathStart[l];
    const length = paths.pathStart[l + 1] - e0;
    for (let pathMask = 0; pathMask < 1 << length; pathMask++) {
      // A feature is satisfied only if the row agrees with every split on it.
      let mask = (1 << m) - 1;
      for (let e = 0; e < length; e++) if (!(pathMask & (1 << e))) mask &= ~(1 << paths.pathSlot[e0 + e]);
      leafGameShapley(paths.uniqueZero, paths.uniqueStart[l], m, mask, -1, table, starts[l] + pathMask * m, scratch);
    }
  }
  paths.table = table;
  return budget - size;
}
