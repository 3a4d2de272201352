import * as ort from 'onnxruntime-node';
import type { Predictor } from '../../engine/evaluator/predictor';
import type { InputDtype, InputPlan, OutputPlan } from './ioPlan';

/**
 * The ONNX Runtime side of the Predictor interface: turns a float32 [rows, d] batch into the
 * model's feeds (one matrix, or one tensor per column; float, double, int and string
 * inputs) and its outputs into our scores (P(positive) for binary, class probabilities for
 * multiclass, value for regression).
 */
export class OrtPredictor implements Predictor {
  readonly featureCount: number;
  readonly outputWidth: number;
  /** For single-column classifier scores: decided on the first batch (probabilities in [0,1] or logits). */
  private singleColumnIsProbability: boolean | undefined;

  constructor(
    private readonly session: ort.InferenceSession,
    private readonly inputs: InputPlan,
    private readonly outputs: OutputPlan,
    featureCount: number,
    /** Dictionaries of categorical features (by feature index), for string inputs. */
    private readonly dictionaries: readonly (readonly string[] | undefined)[] = [],
  ) {
    this.featureCount = featureCount;
    this.outputWidth = outputs.kind === 'value' ? 1 : classCount(outputs) <= 2 ? 1 : classCount(outputs);
  }

  async predictBatch(input: Float32Array, rows: number): Promise<Float64Array> {
    const feeds = this.feeds(input, rows);
    const result = await this.session.run(feeds, [this.outputs.output]);
    const tensor = result[this.outputs.output];
    return this.scores(tensor, rows);
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }

  private feeds(input: Float32Array, rows: number): Record<string, ort.Tensor> {
    const d = this.featureCount;
    // Keys are the model's input names: on a plain object an input named "__proto__" would set
    // its prototype (a Tensor: onnxruntime then refuses the feeds). No prototype, no such key.
    const feeds = Object.create(null) as Record<string, ort.Tensor>;
    if (this.inputs.mode === 'matrix') {
      const dims = [rows, this.inputs.width];
      feeds[this.inputs.name] = tensorOf(this.inputs.dtype, input, rows * d, (i) => i, dims, (i) => this.dictionaries[i % d]);
      return feeds;
    }
    for (const spec of this.inputs.inputs) {
      const j = spec.feature;
      const dims = spec.rank === 1 ? [rows] : [rows, 1];
      feeds[spec.name] = tensorOf(spec.dtype, input, rows, (i) => i * d + j, dims, () => this.dictionaries[j]);
    }
    return feeds;
  }

  private scores(tensor: ort.Tensor, rows: number): Float64Array {
    const plan = this.outputs;
    const data = tensor.data as ArrayLike<number | bigint | string>;
    const width = rows > 0 ? Math.max(1, Math.round(data.length / rows)) : 1;
    const out = new Float64Array(rows * this.outputWidth);
    if (plan.kind === 'value') {
      for (let i = 0; i < rows; i++) out[i] = Number(data[i * width]);
      return out;
    }
    if (plan.kind === 'labels') {
      const c = plan.classes.length;
      for (let i = 0; i < rows; i++) {
        const k = plan.classes.indexOf(String(data[i]));
        if (this.outputWidth === 1) out[i] = k === plan.positive ? 1 : 0;
        else if (k >= 0 && k < c) out[i * c + k] = 1;
      }
      return out;
    }
    if (width === 1) {
      // One score per row: probability of the positive class, or its logit (torch BCEWithLogits exports).
      if (this.singleColumnIsProbability === undefined) {
        let inUnit = true;
        for (let i = 0; i < rows && inUnit; i++) inUnit = Number(data[i]) >= 0 && Number(data[i]) <= 1;
        this.singleColumnIsProbability = plan.kind === 'probabilities' || (plan.kind === 'logits' && plan.space !== 'logit' && inUnit);
      }
      for (let i = 0; i < rows; i++) {
        const s = Number(data[i]);
        out[i] = this.singleColumnIsProbability ? s : 1 / (1 + Math.exp(-s));
      }
      return out;
    }
    const row = new Float64Array(width);
    for (let i = 0; i < rows; i++) {
      for (let k = 0; k < width; k++) row[k] = Number(data[i * width + k]);
      if (plan.kind === 'logits') softmaxInPlace(row);
      if (this.outputWidth === 1) out[i] = row[plan.positive];
      else out.set(row.subarray(0, this.outputWidth), i * this.outputWidth);
    }
    return out;
  }
}

function classCount(plan: OutputPlan): number {
  return plan.kind === 'labels' ? plan.classes.length : plan.kind === 'value' ? 1 : plan.classes;
}

function softmaxInPlace(v: Float64Array): void {
  let max = -Infinity;
  for (const x of v) max = Math.max(max, x);
  let sum = 0;
  for (let k = 0; k < v.length; k++) {
    v[k] = Math.exp(v[k] - max);
    sum += v[k];
  }
  for (let k = 0; k < v.length; k++) v[k] /= sum;
}

/** Builds one input tensor by reading `count` values at positions index(i) of the batch. */
function tensorOf(
  dtype: InputDtype,
  batch: Float32Array,
  count: number,
  index: (i: number) => number,
  dims: number[],
  dictionaryAt: (position: number) => readonly string[] | undefined,
): ort.Tensor {
  switch (dtype) {
    case 'float32': {
      if (count === batch.length && index(1) === 1) return new ort.Tensor('float32', batch, dims);
      const v = new Float32Array(count);
      for (let i = 0; i < count; i++) v[i] = batch[index(i)];
      return new ort.Tensor('float32', v, dims);
    }
    case 'float64': {
      const v = new Float64Array(count);
      for (let i = 0; i < count; i++) v[i] = batch[index(i)];
      return new ort.Tensor('float64', v, dims);
    }
    case 'int64': {
      const v = new BigInt64Array(count);
      // Missing values have no int64 form; -1 is the usual sentinel of integer-encoded categories.
      for (let i = 0; i < count; i++) {
        const x = batch[index(i)];
        v[i] = Number.isFinite(x) ? BigInt(Math.round(x)) : -1n;
      }
      return new ort.Tensor('int64', v, dims);
    }
    case 'int32': {
      const v = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const x = batch[index(i)];
        v[i] = Number.isFinite(x) ? Math.round(x) : -1;
      }
      return new ort.Tensor('int32', v, dims);
    }
    case 'string': {
      const v: string[] = new Array(count);
      for (let i = 0; i < count; i++) {
        const p = index(i);
        const x = batch[p];
        const dict = dictionaryAt(p);
        v[i] = Number.isNaN(x) ? '' : dict ? dict[x] ?? '' : String(x);
      }
      return new ort.Tensor('string', v, dims);
    }
  }
}
