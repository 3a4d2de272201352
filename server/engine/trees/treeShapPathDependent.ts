/**
 * Exact path-dependent TreeSHAP (Lundberg et al. 2020, "From local explanations to global
 * understanding with explainable AI for trees", Algorithm 2) in margin space, for every output
 * of an ONNX tree ensemble. The per-leaf formulation and its tables are in leafShapley.ts and
 * treeShapPaths.ts; missing values follow the branch the model sends them down.
 */
import { leafGameShapley } from './leafShapley';
import { goesTrue, inputsAsModelSees } from './treeRouting';
import { NodeMode } from './treeEnsembleTypes';
import { addLeafTables, TABLE_BUDGET_ENTRIES, treePaths, type TreePaths } from './treeShapPaths';
import type { TreeShapResult } from './treeShapResult';
import type { TreeEnsemble } from './treeEnsembleTypes';

/** A model prepared for path-dependent TreeSHAP: path data and tables, built once. */
export interface TreeShapExplainer {
  readonly ensemble: TreeEnsemble;
  readonly paths: readonly TreePaths[];
  /** E[f] per output (margin), base_values included. */
  readonly baseValues: number[];
  /** Factor applied to every tree's output: 1 for SUM, 1/trees for AVERAGE. */
  readonly treeScale: number;
}

export interface TreeShapPrepareOptions {
  /** Table memory budget in float64 entries (default TABLE_BUDGET_ENTRIES); 0 disables tables. */
  readonly tableBudget?: number;
}

export function prepareTreeShap(ensemble: TreeEnsemble, options: TreeShapPrepareOptions = {}): TreeShapExplainer {
  if (ensemble.aggregate !== 'SUM' && ensemble.aggregate !== 'AVERAGE') {
    throw new RangeError(`TreeSHAP needs an additive ensemble; aggregate_function is ${ensemble.aggregate} (only SUM and AVERAGE are additive)`);
  }
  if (ensemble.coverSource === 'none') {
    throw new RangeError(
      'TreeSHAP (path-dependent) needs training covers, but the model has none (nodes_hitrates absent or all 1.0, as skl2onnx writes). ' +
        'Call coversFromData(ensemble, trainingRows, rows) first, or use interventionalTreeShap with a background sample.',
    );
  }
  let budget = options.tableBudget ?? TABLE_BUDGET_ENTRIES;
  const K = ensemble.outputCount;
  const treeScale = ensemble.aggregate === 'AVERAGE' ? 1 / Math.max(1, ensemble.trees.length) : 1;
  const baseValues = Array.from(ensemble.baseValues);
  const paths = ensemble.trees.map((tree, t) => {
    const p = treePaths(tree);
    if (typeof p === 'string') throw new RangeError(`tree ${t}: ${p}`);
    budget = addLeafTables(p, budget);
    for (let l = 0; l < p.leafCount; l++) {
      for (let k = 0; k < K; k++) baseValues[k] += treeScale * p.leafProbability[l] * tree.leafValue[p.leafNode[l] * K + k];
    }
    return p;
  });
  return { ensemble, paths, baseValues, treeScale };
}

function checkRows(explainer: TreeShapExplainer, data: ArrayLike<number>, rows: number): void {
  const d = explainer.ensemble.featureCount;
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`rows must be a non-negative integer, got ${rows}`);
  if (data.length !== rows * d) throw new RangeError(`data has ${data.length} values, expected rows × featureCount = ${rows} × ${d}`);
}

/** Satisfied-set mask of leaf `l`: bit s set when the row follows every split on slot s. */
export function leafMask(paths: TreePaths, l: number, wentTrue: Uint8Array): number {
  let mask = (1 << (paths.uniqueStart[l + 1] - paths.uniqueStart[l])) - 1;
  for (let e = paths.pathStart[l]; e < paths.pathStart[l + 1]; e++) {
    if (wentTrue[paths.pathNode[e]] !== paths.pathWentTrue[e]) mask &= ~(1 << paths.pathSlot[e]);
  }
  return mask;
}

/** Records, for every interior node, whether the row goes to its true child. */
export function routeRow(explainer: TreeShapExplainer, t: number, x: Float64Array, offset: number, wentTrue: Uint8Array): void {
  const tree = explainer.ensemble.trees[t];
  const feature = tree.feature;
  for (let node = 0; node < tree.nodeCount; node++) {
    const f = feature[node];
    if (f >= 0) wentTrue[node] = goesTrue(tree, node, x[offset + f]) ? 1 : 0;
  }
}

/**
 * One pass over the nodes (parents precede children): `wentTrue` per interior node, and per node
 * the agreement bits of the splits above it, which index the leaf tables.
 */
function routeAndMask(explainer: TreeShapExplainer, t: number, x: Float64Array, offset: number, wentTrue: Uint8Array, pathMask: Int32Array): void {
  const tree = explainer.ensemble.trees[t];
  const { feature, threshold, mode, trueChild, falseChild, missingTracksTrue } = tree;
  const depth = explainer.paths[t].nodeDepth;
  pathMask[0] = 0;
  for (let node = 0; node < tree.nodeCount; node++) {
    const f = feature[node];
    if (f < 0) continue;
    const v = x[offset + f];
    const m = mode[node];
    // Fast paths for the modes converters write (xgboost LT, sklearn LEQ); NaN compares false.
    const go =
      m === NodeMode.BRANCH_LT
        ? v < threshold[node] || (v !== v && missingTracksTrue[node] === 1)
        : m === NodeMode.BRANCH_LEQ
          ? v <= threshold[node] || (v !== v && missingTracksTrue[node] === 1)
          : goesTrue(tree, node, v);
    wentTrue[node] = go ? 1 : 0;
    const bit = 1 << depth[node];
    const above = pathMask[node];
    pathMask[trueChild[node]] = go ? above | bit : above;
    pathMask[falseChild[node]] = go ? above : above | bit;
  }
}

/** φ for `rows` rows of row-major `data` [rows, d] (NaN = missing). */
export function pathDependentTreeShap(explainer: TreeShapExplainer, data: Float64Array | Float32Array, rows: number): TreeShapResult {
  checkRows(explainer, data, rows);
  const { ensemble, paths, treeScale } = explainer;
  const d = ensemble.featureCount;
  const K = ensemble.outputCount;
  const x = inputsAsModelSees(ensemble, data);
  const values = new Float64Array(rows * K * d);
  let maxNodes = 1;
  let maxM = 1;
  for (const tree of ensemble.trees) maxNodes = Math.max(maxNodes, tree.nodeCount);
  for (const p of paths) for (let l = 0; l < p.leafCount; l++) maxM = Math.max(maxM, p.uniqueStart[l + 1] - p.uniqueStart[l]);
  const wentTrue = new Uint8Array(maxNodes);
  const pathMask = new Int32Array(maxNodes);
  const unit = new Float64Array(maxM);
  const scratch = new Float64Array(maxM + 1);
  for (let r = 0; r < rows; r++) {
    const phiOffset = r * K * d;
    for (let t = 0; t < paths.length; t++) {
      const p = paths[t];
      const leafValue = ensemble.trees[t].leafValue;
      const { uniqueStart, uniqueFeature, tableStart, leafNode, table } = p;
      routeAndMask(explainer, t, x, r * d, wentTrue, pathMask);
      for (let l = 0; l < p.leafCount; l++) {
        const u0 = uniqueStart[l];
        const m = uniqueStart[l + 1] - u0;
        if (m === 0) continue;
        let source: Float64Array = unit;
        let sourceOffset = 0;
        if (tableStart[l] >= 0) {
          source = table;
          sourceOffset = tableStart[l] + pathMask[leafNode[l]] * m;
        } else leafGameShapley(p.uniqueZero, u0, m, leafMask(p, l, wentTrue), -1, unit, 0, scratch);
        const leafRow = leafNode[l] * K;
        for (let k = 0; k < K; k++) {
          const w = leafValue[leafRow + k] * treeScale;
          if (w === 0) continue;
          const o = phiOffset + k * d;
          for (let s = 0; s < m; s++) values[o + uniqueFeature[u0 + s]] += w * source[sourceOffset + s];
        }
      }
    }
  }
  return { values, baseValues: explainer.baseValues.slice(), space: 'margin', rows, outputs: K, features: d };
}
