/**
 * The ONNX Runtime side of GradientRunner: one InferenceSession over the encoded gradient
 * graph (bytes in memory; no file system here). Loading the session is the only ORT-specific
 * step; everything above works on the GradientRunner interface.
 */
import * as ort from 'onnxruntime-node';
import { encodeOnnx } from '../../loaders/model/onnxProto';
import type { GradientGraph } from './gradientGraph';
import type { GradientBatch, GradientRunner } from './gradientRunner';

export interface OrtGradientRunnerOptions {
  /** Threads for one operator; default: ORT's choice (all cores). */
  readonly intraOpThreads?: number;
  /** Rows per session run (interpolation points × explained rows are chunked to this). */
  readonly maxRowsPerRun?: number;
}

/** Rows per run: large enough to amortise ORT's per-call cost, small enough for [rows, hidden] buffers. */
const DEFAULT_MAX_ROWS_PER_RUN = 65536;

export async function createOrtGradientRunner(graph: GradientGraph, options: OrtGradientRunnerOptions = {}): Promise<GradientRunner> {
  const session = await ort.InferenceSession.create(encodeOnnx(graph.model), {
    intraOpNumThreads: options.intraOpThreads ?? 0,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
  });
  const d = graph.featureCount;
  const double = graph.precision === 'float64';
  const fetches = [graph.valueOutput, graph.gradientOutput, ...(graph.kinkOutput ? [graph.kinkOutput] : [])];
  return {
    featureCount: d,
    kinkCount: graph.kinkOutput ? graph.kinkCount : 0,
    kind: 'graph',
    maxRowsPerRun: options.maxRowsPerRun ?? DEFAULT_MAX_ROWS_PER_RUN,
    async run(x: Float32Array | Float64Array, rows: number): Promise<GradientBatch> {
      if (x.length !== rows * d) throw new RangeError(`gradient runner: got ${x.length} values for ${rows} rows of ${d} features`);
      const data = double ? (x instanceof Float64Array ? x : Float64Array.from(x)) : x instanceof Float32Array ? x : Float32Array.from(x);
      const feed = new ort.Tensor(double ? 'float64' : 'float32', data, [rows, d]);
      const result = await session.run({ [graph.inputName]: feed }, fetches);
      const value = Float64Array.from(result[graph.valueOutput].data as Float64Array | Float32Array);
      const grad = Float64Array.from(result[graph.gradientOutput].data as Float64Array | Float32Array);
      if (!graph.kinkOutput) return { value, grad };
      const kinks = Uint8Array.from(result[graph.kinkOutput].data as Float64Array | Float32Array);
      return { value, grad, kinks };
    },
    async dispose(): Promise<void> {
      await session.release();
    },
  };
}
