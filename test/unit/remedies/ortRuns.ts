/**
 * Raw onnxruntime runs of an original and a marginalised model on the same rows, and the
 * comparisons the remedy promises: invariance to the sensitive input, equality with the
 * brute-force average Σ_k w_k f(x with x_s := v_k), and labels that follow the averaged
 * probabilities.
 */
import * as ort from 'onnxruntime-node';

export type Layout = { readonly kind: 'matrix'; readonly input: string } | { readonly kind: 'columns'; readonly inputs: readonly string[] };

export interface RunResult {
  readonly probabilities: Float64Array;
  readonly classes: number;
  readonly labels: readonly (string | number)[];
  readonly dims: Record<string, readonly number[]>;
  readonly types: Record<string, string>;
}

export function feeds(layout: Layout, x: Float32Array, rows: number, d: number): Record<string, ort.Tensor> {
  if (layout.kind === 'matrix') return { [layout.input]: new ort.Tensor('float32', x, [rows, d]) };
  return Object.fromEntries(layout.inputs.map((name, j) => [name, new ort.Tensor('float32', Float32Array.from({ length: rows }, (_, i) => x[i * d + j]), [rows, 1])]));
}

export async function run(session: ort.InferenceSession, layout: Layout, x: Float32Array, rows: number, d: number, probs: string, label: string): Promise<RunResult> {
  const r = await session.run(feeds(layout, x, rows, d), [probs, label]);
  const p = r[probs];
  return {
    probabilities: Float64Array.from(p.data as Float32Array),
    classes: p.dims[1] ?? 1,
    labels: Array.from(r[label].data as ArrayLike<string | number | bigint>, (v) => (typeof v === 'bigint' ? Number(v) : v)),
    dims: { [probs]: p.dims, [label]: r[label].dims },
    types: { [probs]: p.type, [label]: r[label].type },
  };
}

export function withColumn(x: Float32Array, d: number, s: number, value: number): Float32Array {
  const out = x.slice();
  for (let i = s; i < out.length; i += d) out[i] = value;
  return out;
}

/** Σ_k w_k · probabilities of the original model with column s set to v_k. */
export async function bruteForce(session: ort.InferenceSession, layout: Layout, x: Float32Array, rows: number, d: number, s: number, values: readonly number[], weights: readonly number[], probs: string, label: string): Promise<Float64Array> {
  let sum: Float64Array | undefined;
  for (let k = 0; k < values.length; k++) {
    const r = await run(session, layout, withColumn(x, d, s, values[k]), rows, d, probs, label);
    sum ??= new Float64Array(r.probabilities.length);
    for (let i = 0; i < sum.length; i++) sum[i] += weights[k] * r.probabilities[i];
  }
  return sum ?? new Float64Array(0);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/**
 * Rows whose label is not what the averaged probabilities say; rows whose two largest
 * probabilities are within `tieTolerance` are skipped (float32 may order a near-tie either way).
 */
export function labelMismatches(probs: Float64Array, classes: number, labels: readonly (string | number)[], classLabels: readonly (string | number)[], tieTolerance: number): number[] {
  const bad: number[] = [];
  labels.forEach((label, i) => {
    const row = Array.from(probs.subarray(i * classes, (i + 1) * classes));
    const order = row.map((p, k) => [p, k] as const).sort((a, b) => b[0] - a[0]);
    if (order.length > 1 && order[0][0] - order[1][0] < tieTolerance) return;
    if (classLabels[order[0][1]] !== label) bad.push(i);
  });
  return bad;
}

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
