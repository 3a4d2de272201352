import type { Predictor } from './predictor';

export interface EvaluatorOptions {
  /** Rows per model call. Large batches amortise the per-call cost of ONNX Runtime. */
  readonly batchSize?: number;
  /** Checked between batches; a stale analysis stops at the next batch boundary. */
  readonly isCancelled?: () => boolean;
}

export interface EvaluatorStats {
  calls: number;
  rows: number;
  /** Time spent inside the predictor (ONNX Runtime), for the engine-overhead ratio. */
  modelMillis: number;
}

/** Rows the evaluator pulls batch by batch instead of one [rows, d] matrix in memory. */
export interface RowSource {
  readonly rows: number;
  /** Writes rows [start, start + n) row-major into `out` (n × d values). */
  fill(start: number, n: number, out: Float32Array): void;
}

export class CancelledError extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'CancelledError';
  }
}

/**
 * Rows per ORT call, by measurement (`npm run bench batch`, 2 cores, distinct rows in every
 * call): 100- and 500-tree ensembles are flat from 256 rows up with 1 and 2 intra-op threads
 * (16384 and 65536 rows: 0.91–1.07× of 4096) and 10–20% slower at 64; an MLP with one thread
 * gains 7–10% from 4096 to 16384 and loses 7–16% at 1024 (with two threads its throughput
 * swings 5–29 M rows/s from run to run on 2 cores, so those runs decide nothing). Smaller
 * calls also bound the wait for a cancellation (a terminate waits for the ORT call in flight)
 * and the float32 buffer.
 */
export const DEFAULT_BATCH = 4096;

/**
 * The one door to the model. Every analysis (metrics, attribution, slices, leakage) sends
 * its rows through here so batching, buffer reuse, cancellation and accounting live in
 * one place. Inputs are float64 row-major [rows, d]; they are converted into one reused
 * float32 buffer per batch.
 */
export class BatchingEvaluator {
  readonly featureCount: number;
  readonly outputWidth: number;
  readonly stats: EvaluatorStats = { calls: 0, rows: 0, modelMillis: 0 };
  private readonly batchSize: number;
  private buffer: Float32Array;

  constructor(
    private readonly predictor: Predictor,
    private readonly options: EvaluatorOptions = {},
  ) {
    this.featureCount = predictor.featureCount;
    this.outputWidth = predictor.outputWidth;
    this.batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
    this.buffer = new Float32Array(0);
  }

  /** Predicts rows × d values; returns rows × outputWidth. */
  async predict(input: Float64Array | Float32Array, rows: number): Promise<Float64Array> {
    const d = this.featureCount;
    if (input.length !== rows * d) {
      throw new RangeError(`evaluator: got ${input.length} values for ${rows} rows of ${d} features`);
    }
    // A matrix is one kind of row source: the batch loop lives in predictSource alone.
    return this.predictSource({ rows, fill: (from, n, batch) => batch.set(input.subarray(from * d, (from + n) * d)) });
  }

  /** Predicts every row of `source`, filling one reused batch buffer at a time; returns rows × outputWidth. */
  async predictSource(source: RowSource): Promise<Float64Array> {
    const d = this.featureCount;
    const w = this.outputWidth;
    const rows = source.rows;
    const out = new Float64Array(rows * w);
    for (let start = 0; start < rows; start += this.batchSize) {
      if (this.options.isCancelled?.()) throw new CancelledError();
      const n = Math.min(this.batchSize, rows - start);
      if (this.buffer.length < n * d) this.buffer = new Float32Array(Math.min(rows, this.batchSize) * d);
      const batch = this.buffer.subarray(0, n * d);
      source.fill(start, n, batch);
      const t0 = performance.now();
      const y = await this.predictor.predictBatch(batch, n);
      this.stats.modelMillis += performance.now() - t0;
      this.stats.calls++;
      this.stats.rows += n;
      out.set(y.subarray(0, n * w), start * w);
    }
    return out;
  }

  /** Releases the model's native resources. */
  async dispose(): Promise<void> {
    await this.predictor.dispose?.();
  }

  /** Convenience for width-1 models: one score per row. */
  async predictScores(input: Float64Array | Float32Array, rows: number): Promise<Float64Array> {
    const y = await this.predict(input, rows);
    if (this.outputWidth === 1) return y;
    throw new RangeError(`evaluator: predictScores needs a single-output model, this one has ${this.outputWidth}`);
  }
}
