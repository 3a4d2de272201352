/**
 * Constant tensors of a graph: initializers and the outputs of Constant nodes
 * (https://onnx.ai/onnx/operators/onnx__Constant.html: value, value_float(s), value_int(s)).
 * Derivative rules read them for shapes, axes, indices and constant exponents.
 */
import type { OnnxGraph } from '../../loaders/model/onnxProto';
import { attribute, tensorValues } from '../../loaders/model/onnxProto';
import type { ConstantValue } from './gradientTypes';

export function graphConstants(graph: OnnxGraph): Map<string, ConstantValue> {
  const out = new Map<string, ConstantValue>();
  const inputs = new Set((graph.input ?? []).map((i) => i.name));
  for (const t of graph.initializer ?? []) {
    // An initializer that is also a graph input may be overridden at run time: not a constant.
    if (t.name && !inputs.has(t.name)) out.set(t.name, { dims: t.dims ?? [], values: tensorValues(t) });
  }
  for (const n of graph.node ?? []) {
    if (n.opType !== 'Constant' || (n.domain ?? '') !== '' || !n.output?.[0]) continue;
    const value = constantNodeValue(n);
    if (value) out.set(n.output[0], value);
  }
  return out;
}

function constantNodeValue(n: Parameters<typeof attribute>[0]): ConstantValue | undefined {
  const t = attribute(n, 'value')?.t;
  if (t) return { dims: t.dims ?? [], values: tensorValues(t) };
  const f = attribute(n, 'value_float');
  if (f) return { dims: [], values: Float64Array.of(f.f ?? 0) };
  const fs = attribute(n, 'value_floats');
  if (fs) return { dims: [fs.floats?.length ?? 0], values: Float64Array.from(fs.floats ?? []) };
  const i = attribute(n, 'value_int');
  if (i) return { dims: [], values: Float64Array.of(i.i ?? 0) };
  const is = attribute(n, 'value_ints');
  if (is) return { dims: [is.ints?.length ?? 0], values: Float64Array.from(is.ints ?? []) };
  return undefined;
}

/** Integer attribute with a default (ONNX stores int64 attributes in `i`). */
export function intAttr(n: Parameters<typeof attribute>[0], name: string, fallback: number): number {
  return attribute(n, name)?.i ?? fallback;
}

export function floatAttr(n: Parameters<typeof attribute>[0], name: string, fallback: number): number {
  return attribute(n, name)?.f ?? fallback;
}

export function intsAttr(n: Parameters<typeof attribute>[0], name: string): number[] | undefined {
  const a = attribute(n, name);
  return a ? (a.ints ?? []).map(Number) : undefined;
}
