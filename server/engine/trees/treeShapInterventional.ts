/**
 * Exact interventional ("independent") TreeSHAP (Lundberg et al. 2020, Methods, "Independent
 * Tree SHAP"): Shapley values of v(S) = mean over background rows r of f(x_S, r_S̄), i.e. with
 * features outside S drawn from the background, independent of those in S. For one (x, r) pair
 * a tree is walked once: where x and r go the same way nothing is decided; where they split, the
 * feature joins A (follows x) or B (follows r) and both branches are explored, a feature already
 * decided keeps its side. A leaf with weight w reached with |A| = a, |B| = b adds
 * w·(a−1)!·b!/(a+b)! to each feature of A and −w·a!·(b−1)!/(a+b)! to each of B — the Shapley
 * values of the game w·[A ⊆ S, B ∩ S = ∅]. Cost O(trees × background × leaves) per row.
 */
import { childFor, inputsAsModelSees } from './treeRouting';
import type { TreeShapResult } from './treeShapResult';
import type { Tree, TreeEnsemble } from './treeEnsembleTypes';

const FOLLOWS_X = 1;
const FOLLOWS_R = 2;

/** w(a, b) = (a−1)!·b!/(a+b)!, the Shapley weight of a player of A; memoised by (a, b). */
function pairWeights(maxDepth: number): Float64Array {
  const n = maxDepth + 1;
  const table = new Float64Array(n * n);
  const fact = [1];
  for (let i = 1; i <= 2 * n; i++) fact.push(fact[i - 1] * i);
  for (let a = 1; a < n; a++) for (let b = 0; b < n; b++) table[a * n + b] = (fact[a - 1] * fact[b]) / fact[a + b];
  return table;
}

function depthOf(tree: Tree): number {
  const depth = new Int32Array(tree.nodeCount);
  let max = 0;
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.feature[node] < 0) continue;
    depth[tree.trueChild[node]] = depth[tree.falseChild[node]] = depth[node] + 1;
    max = Math.max(max, depth[node] + 1);
  }
  return max;
}

export function interventionalTreeShap(
  ensemble: TreeEnsemble,
  data: Float64Array | Float32Array,
  rows: number,
  background: Float64Array | Float32Array,
  backgroundRows: number,
): TreeShapResult {
  const d = ensemble.featureCount;
  const K = ensemble.outputCount;
  if (ensemble.aggregate !== 'SUM' && ensemble.aggregate !== 'AVERAGE') {
    throw new RangeError(`TreeSHAP needs an additive ensemble; aggregate_function is ${ensemble.aggregate} (only SUM and AVERAGE are additive)`);
  }
  if (data.length !== rows * d) throw new RangeError(`data has ${data.length} values, expected rows × featureCount = ${rows} × ${d}`);
  if (backgroundRows < 1 || background.length !== backgroundRows * d) {
    throw new RangeError(`background has ${background.length} values, expected backgroundRows × featureCount = ${backgroundRows} × ${d} with backgroundRows ≥ 1`);
  }
  const x = inputsAsModelSees(ensemble, data);
  const bg = inputsAsModelSees(ensemble, background);
  const treeScale = ensemble.aggregate === 'AVERAGE' ? 1 / Math.max(1, ensemble.trees.length) : 1;
  const maxDepth = Math.max(1, ...ensemble.trees.map(depthOf));
  const n = maxDepth + 1;
  const weightA = pairWeights(maxDepth);
  const values = new Float64Array(rows * K * d);
  const side = new Uint8Array(d);
  const decided = new Int32Array(maxDepth + 1);
  const phi = new Float64Array(K * d);

  // Base value: E_r[f(r)] in margin space.
  const baseValues = Array.from(ensemble.baseValues);
  for (const tree of ensemble.trees) {
    for (let b = 0; b < backgroundRows; b++) {
      let node = 0;
      while (tree.feature[node] >= 0) node = childFor(tree, node, bg[b * d + tree.feature[node]]);
      for (let k = 0; k < K; k++) baseValues[k] += (treeScale * tree.leafValue[node * K + k]) / backgroundRows;
    }
  }

  let tree: Tree;
  let xOff = 0;
  let rOff = 0;
  const walk = (node: number, a: number, b: number, count: number): void => {
    const f = tree.feature[node];
    if (f < 0) {
      if (count === 0) return;
      for (let k = 0; k < K; k++) {
        const w = tree.leafValue[node * K + k];
        if (w === 0) continue;
        const plus = a > 0 ? w * weightA[a * n + b] : 0;
        const minus = b > 0 ? w * weightA[b * n + a] : 0; // a!(b−1)!/(a+b)! is w(b, a)
        for (let i = 0; i < count; i++) {
          const feature = decided[i];
          phi[k * d + feature] += side[feature] === FOLLOWS_X ? plus : -minus;
        }
      }
      return;
    }
    const xChild = childFor(tree, node, x[xOff + f]);
    if (side[f] === FOLLOWS_X) return walk(xChild, a, b, count);
    const rChild = childFor(tree, node, bg[rOff + f]);
    if (side[f] === FOLLOWS_R || xChild === rChild) return walk(rChild, a, b, count);
    decided[count] = f;
    side[f] = FOLLOWS_X;
    walk(xChild, a + 1, b, count + 1);
    side[f] = FOLLOWS_R;
    walk(rChild, a, b + 1, count + 1);
    side[f] = 0;
  };

  for (let r = 0; r < rows; r++) {
    phi.fill(0);
    xOff = r * d;
    for (const t of ensemble.trees) {
      tree = t;
      for (let b = 0; b < backgroundRows; b++) {
        rOff = b * d;
        walk(0, 0, 0, 0);
      }
    }
    const scale = treeScale / backgroundRows;
    for (let i = 0; i < K * d; i++) values[r * K * d + i] = phi[i] * scale;
  }
  return { values, baseValues, space: 'margin', rows, outputs: K, features: d };
}
