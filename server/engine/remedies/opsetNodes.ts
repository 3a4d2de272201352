/**
 * Nodes whose signature changed between ai.onnx opsets, emitted in the form the model's own
 * opset expects. We never raise the opset of an existing graph: a newer opset can change the
 * meaning of the nodes already in it (e.g. ReduceSum/Unsqueeze/Squeeze axes moved from an
 * attribute to an input in opset 13, Slice bounds in opset 10).
 */
import type { OnnxNode, OnnxTensor } from '../../loaders/model/onnxProto';
import { int64Tensor, intAttribute, intsAttribute, node } from '../graph/onnxBuild';

/** Oldest default-domain opset the rewrite supports: Where (used to replace the column) is opset 9. */
export const MIN_OPSET = 9;

/** Where the rewrite puts new nodes and constants, and how it names them. */
export interface Emitter {
  readonly opset: number;
  readonly fresh: (base: string) => string;
  readonly nodes: OnnxNode[];
  readonly initializers: OnnxTensor[];
}

/** Adds an int64 constant and returns its name. */
export function int64Const(e: Emitter, base: string, values: readonly number[], dims: readonly number[] = [values.length]): string {
  const name = e.fresh(base);
  e.initializers.push(int64Tensor(name, dims, values));
  return name;
}

/** Emits `op(inputs) -> fresh output` and returns the output name. */
export function emit(e: Emitter, op: string, inputs: readonly string[], base: string, attributes = [] as Parameters<typeof node>[3], domain?: string): string {
  const out = e.fresh(base);
  e.nodes.push(node(op, inputs, [out], attributes, e.fresh(`${op}_node`), domain));
  return out;
}

export function unsqueeze(e: Emitter, x: string, axes: readonly number[], base: string): string {
  return e.opset >= 13 ? emit(e, 'Unsqueeze', [x, int64Const(e, `${base}_axes`, axes)], base) : emit(e, 'Unsqueeze', [x], base, [intsAttribute('axes', axes)]);
}

export function reduceSum(e: Emitter, x: string, axes: readonly number[], keepdims: 0 | 1, base: string): string {
  return e.opset >= 13
    ? emit(e, 'ReduceSum', [x, int64Const(e, `${base}_axes`, axes)], base, [intAttribute('keepdims', keepdims)])
    : emit(e, 'ReduceSum', [x], base, [intsAttribute('axes', axes), intAttribute('keepdims', keepdims)]);
}

/** Slice along axis 0 from `start` to the end (or to `end`). */
export function sliceAxis0(e: Emitter, x: string, start: number, end: number, base: string): string {
  if (e.opset >= 10) return emit(e, 'Slice', [x, int64Const(e, `${base}_starts`, [start]), int64Const(e, `${base}_ends`, [end]), int64Const(e, `${base}_axes`, [0])], base);
  return emit(e, 'Slice', [x], base, [intsAttribute('starts', [start]), intsAttribute('ends', [end]), intsAttribute('axes', [0])]);
}

/** Largest int64, the "to the end" bound of Slice. */
export const TO_END = Number.MAX_SAFE_INTEGER;
