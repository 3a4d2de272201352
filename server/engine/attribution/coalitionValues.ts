/**
 * The interventional (marginal) value function of Shapley attributions
 * (Janzing, Minorics & Blöbaum 2020; Lundberg & Lee 2017 eq. 11):
 *   v_x(S) = Σ_b w_b f(x_S, b_¬S)
 * for many explained rows x and coalitions S at once. Every hybrid row goes through the
 * one BatchingEvaluator in chunks of bounded size, so a 2^14-coalition enumeration
 * against 100 background rows never materialises more than CHUNK_ROWS rows.
 */
import type { BatchingEvaluator } from '../evaluator/batchingEvaluator';
import type { BackgroundSample } from './backgroundSample';

/** Hybrid rows built per evaluator call: ~2.6 MB of float32 for d = 10, large enough to batch well. */
const CHUNK_ROWS = 65536;

/**
 * The chunk buffer, kept across calls by a caller that makes many (KernelSHAP, exact
 * Shapley: one call per pass of 16 rows). At d = 50 a chunk is 13 MB; a fresh one per pass
 * left the previous ones for the collector and added 100 MB to the analysis's peak RSS.
 */
export interface CoalitionScratch {
  buffer?: Float32Array;
}

/**
 * `explain` is row-major [m, d]; `masks[r]` is row r's coalitions as a row-major
 * Uint8Array [K_r, d] (1 = feature taken from x). Returns per row a Float64Array
 * [K_r, outputWidth] of v_x(S).
 */
export async function coalitionValues(
  evaluator: BatchingEvaluator,
  explain: Float64Array,
  masks: readonly Uint8Array[],
  background: BackgroundSample,
  scratch: CoalitionScratch = {},
): Promise<Float64Array[]> {
  const d = evaluator.featureCount;
  const w = evaluator.outputWidth;
  const nb = background.rows;
  if (background.cols !== d) throw new RangeError(`coalitionValues: background has ${background.cols} columns, the model ${d}`);
  if (explain.length !== masks.length * d) throw new RangeError(`coalitionValues: ${masks.length} mask sets for ${explain.length / d} rows`);
  const out = masks.map((m) => new Float64Array((m.length / d) * w));

  const capacity = Math.max(nb, Math.floor(CHUNK_ROWS / nb) * nb);
  // Float32: the evaluator hands the model float32 anyway, so the values are the same at half the memory.
  if (!scratch.buffer || scratch.buffer.length < capacity * d) scratch.buffer = new Float32Array(capacity * d);
  const buffer = scratch.buffer;
  // For each coalition placed in the chunk: which row and which coalition it belongs to.
  const ownerRow = new Int32Array(capacity / nb);
  const ownerCoalition = new Int32Array(capacity / nb);
  let filled = 0;

  const flush = async (): Promise<void> => {
    if (filled === 0) return;
    const y = await evaluator.predict(buffer.subarray(0, filled * nb * d), filled * nb);
    for (let c = 0; c < filled; c++) {
      const target = out[ownerRow[c]];
      const at = ownerCoalition[c] * w;
      for (let b = 0; b < nb; b++) {
        const wb = background.weights[b];
        const yo = (c * nb + b) * w;
        for (let o = 0; o < w; o++) target[at + o] += wb * y[yo + o];
      }
    }
    filled = 0;
  };

  for (let r = 0; r < masks.length; r++) {
    const mask = masks[r];
    const K = mask.length / d;
    const x = explain.subarray(r * d, (r + 1) * d);
    for (let k = 0; k < K; k++) {
      const start = filled * nb * d;
      buffer.set(background.data, start);
      for (let j = 0; j < d; j++) {
        if (mask[k * d + j] === 0) continue;
        for (let b = 0; b < nb; b++) buffer[start + b * d + j] = x[j];
      }
      ownerRow[filled] = r;
      ownerCoalition[filled] = k;
      filled++;
      if ((filled + 1) * nb > capacity) await flush();
    }
  }
  await flush();
  return out;
}
