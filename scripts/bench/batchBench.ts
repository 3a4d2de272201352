/**
 * ONNX Runtime throughput (rows/s) against rows per call and intra-op threads, on an MLP
 * (fixtures real/wine/mlp.onnx), the 100-tree benchmark ensemble and a 500-tree ensemble
 * made by repeating its trees (onnxProto decode → five copies of every tree → encode).
 * Printed as throughput relative to the evaluator's DEFAULT_BATCH with the same threads,
 * so the batch size and thread count can be chosen by measurement.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { DEFAULT_BATCH } from '../../server/engine/evaluator/batchingEvaluator';
import { decodeOnnx, encodeOnnx, type OnnxModel } from '../../server/loaders/model/onnxProto';
import { FIXTURES } from '../../test/helpers/fixtures';
import { BENCH_DIR, gaussian } from './scaleData';

type Row = { name: string; value: number; unit: string; note?: string };

const BATCHES = [64, 256, 1024, 4096, 16384, 65536];
/** Rows predicted per measurement (rounded up to whole batches); the best of REPEATS counts. */
const ROWS = { mlp: 400_000, trees: 200_000 };
const REPEATS = 3;

/** The ensemble with `copies` copies of every tree (tree ids shifted); predictions scale, speed is what counts. */
export function repeatTrees(model: OnnxModel, copies: number): OnnxModel {
  const graph = model.graph!;
  return {
    ...model,
    graph: {
      ...graph,
      node: graph.node!.map((n) => {
        if (!/^TreeEnsemble(Classifier|Regressor)$/.test(n.opType ?? '')) return n;
        const ids = n.attribute!.find((a) => a.name === 'nodes_treeids')!.ints!.map(Number);
        const trees = Math.max(...ids) + 1;
        return {
          ...n,
          attribute: n.attribute!.map((a) => {
            if (!/^(nodes_|class_|target_)/.test(a.name)) return a;
            const shift = /treeids$/.test(a.name) ? trees : 0;
            const rep = <T>(xs: T[] | undefined, f: (x: T, k: number) => T): T[] | undefined => (xs ? Array.from({ length: copies }, (_, k) => xs.map((x) => f(x, k))).flat() : xs);
            return { ...a, ints: rep(a.ints, (x, k) => Number(x) + k * shift), floats: rep(a.floats, (x) => x), strings: rep(a.strings, (x) => x) };
          }),
        };
      }),
    },
  };
}

async function throughput(bytes: Uint8Array, d: number, threads: number, batch: number, total: number): Promise<number> {
  const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  try {
    const g = gaussian(7);
    const input = session.inputNames[0];
    const calls = Math.max(1, Math.ceil(total / batch));
    // Distinct rows in every call, as the evaluator sends them: the same few rows again and
    // again would let the CPU learn their tree paths (branch prediction, cached nodes) and
    // make small batches look up to 2× faster than they are.
    const x = Float32Array.from({ length: calls * batch * d }, () => g());
    const feeds = (c: number): Record<string, ort.Tensor> => ({ [input]: new ort.Tensor('float32', x.subarray(c * batch * d, (c + 1) * batch * d), [batch, d]) });
    await session.run(feeds(0)); // warm-up
    let best = Infinity;
    for (let r = 0; r < REPEATS; r++) {
      const t0 = performance.now();
      for (let c = 0; c < calls; c++) await session.run(feeds(c));
      best = Math.min(best, performance.now() - t0);
    }
    return (calls * batch) / (best / 1000);
  } finally {
    await session.release();
  }
}

export async function benchBatch(): Promise<Row[]> {
  const xgb = new Uint8Array(readFileSync(join(BENCH_DIR, 'xgb_100x6.onnx')));
  const models: { name: string; bytes: Uint8Array; d: number; total: number }[] = [
    { name: 'MLP (wine, 13 features)', bytes: new Uint8Array(readFileSync(join(FIXTURES, 'real', 'wine', 'mlp.onnx'))), d: 13, total: ROWS.mlp },
    { name: '100 trees depth 6 (20 features)', bytes: xgb, d: 20, total: ROWS.trees },
    { name: '500 trees depth 6 (20 features)', bytes: encodeOnnx(repeatTrees(decodeOnnx(xgb), 5)), d: 20, total: ROWS.trees / 5 },
  ];
  const out: Row[] = [];
  for (const m of models) {
    for (const threads of [1, 2]) {
      const rates = new Map<number, number>();
      for (const b of BATCHES) rates.set(b, await throughput(m.bytes, m.d, threads, b, m.total));
      const ref = rates.get(DEFAULT_BATCH) ?? Math.max(...rates.values());
      for (const [b, rate] of rates) out.push({ name: `${m.name}, ${threads} thread${threads > 1 ? 's' : ''}, batch ${b}`, value: rate / 1000, unit: 'k rows/s', note: `${(rate / ref).toFixed(2)} × batch ${DEFAULT_BATCH}` });
    }
  }
  return out;
}
