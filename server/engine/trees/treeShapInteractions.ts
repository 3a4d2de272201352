/**
 * Exact path-dependent SHAP interaction values (Lundberg et al. 2020, "SHAP interaction
 * values"): Φ_ij = [φ_i(j always present) − φ_i(j always absent)] / 2 for i ≠ j, and
 * Φ_ii = φ_i − Σ_{j≠i} Φ_ij. In a leaf game fixing j present multiplies the leaf by o_j, absent
 * by z_j, and leaves a game over the other features, so Φ_ij gains
 * w · (o_j − z_j)/2 · φ_i(leaf game without j) — the conditioning xgboost's TreeShap uses.
 */
import { leafGameShapley } from './leafShapley';
import { inputsAsModelSees } from './treeRouting';
import { leafMask, pathDependentTreeShap, routeRow, type TreeShapExplainer } from './treeShapPathDependent';
import type { TreeShapInteractionResult } from './treeShapResult';

export function pathDependentTreeShapInteractions(explainer: TreeShapExplainer, data: Float64Array | Float32Array, rows: number): TreeShapInteractionResult {
  const main = pathDependentTreeShap(explainer, data, rows); // also validates the arguments
  const { ensemble, paths, treeScale } = explainer;
  const d = ensemble.featureCount;
  const K = ensemble.outputCount;
  const x = inputsAsModelSees(ensemble, data);
  const values = new Float64Array(rows * K * d * d);
  let maxNodes = 1;
  let maxM = 1;
  for (const tree of ensemble.trees) maxNodes = Math.max(maxNodes, tree.nodeCount);
  for (const p of paths) for (let l = 0; l < p.leafCount; l++) maxM = Math.max(maxM, p.uniqueStart[l + 1] - p.uniqueStart[l]);
  const wentTrue = new Uint8Array(maxNodes);
  const conditioned = new Float64Array(maxM);
  const scratch = new Float64Array(maxM + 1);
  for (let r = 0; r < rows; r++) {
    for (let t = 0; t < paths.length; t++) {
      const p = paths[t];
      const leafValue = ensemble.trees[t].leafValue;
      routeRow(explainer, t, x, r * d, wentTrue);
      for (let l = 0; l < p.leafCount; l++) {
        const u0 = p.uniqueStart[l];
        const m = p.uniqueStart[l + 1] - u0;
        if (m < 2) continue;
        const mask = leafMask(p, l, wentTrue);
        const leafRow = p.leafNode[l] * K;
        for (let j = 0; j < m; j++) {
          const oj = mask & (1 << j) ? 1 : 0;
          const half = (oj - p.uniqueZero[u0 + j]) / 2;
          if (half === 0) continue;
          leafGameShapley(p.uniqueZero, u0, m, mask, j, conditioned, 0, scratch);
          const fj = p.uniqueFeature[u0 + j];
          for (let k = 0; k < K; k++) {
            const w = leafValue[leafRow + k] * treeScale * half;
            if (w === 0) continue;
            const block = ((r * K + k) * d + 0) * d;
            for (let i = 0; i < m; i++) {
              if (i !== j) values[block + p.uniqueFeature[u0 + i] * d + fj] += w * conditioned[i];
            }
          }
        }
      }
    }
    // Diagonal: main effects, so that each row of Φ sums to φ_i.
    for (let k = 0; k < K; k++) {
      const block = (r * K + k) * d * d;
      for (let i = 0; i < d; i++) {
        let off = 0;
        for (let j = 0; j < d; j++) if (j !== i) off += values[block + i * d + j];
        values[block + i * d + i] = main.values[(r * K + k) * d + i] - off;
      }
    }
  }
  return { values, baseValues: main.baseValues, space: 'margin', rows, outputs: K, features: d };
}
