/**
 * Small builders for editing ONNX graphs in their decoded form (onnxProto.ts types):
 * constant tensors, nodes, value infos and unique names. Used by the graph rewrites of the
 * engine (invariant-model export, gradient graphs); encoding back to bytes is encodeOnnx.
 * Spec: https://github.com/onnx/onnx/blob/main/docs/IR.md
 */
import type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from '../../loaders/model/onnxProto';
import { OnnxDataType } from '../../loaders/model/onnxProto';

export type ElemType = (typeof OnnxDataType)[keyof typeof OnnxDataType];

/** A float32 constant tensor (data in row-major order). */
export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): OnnxTensor {
  checkSize(name, dims, values.length);
  return { name, dims: [...dims], dataType: OnnxDataType.FLOAT, floatData: Array.from(values) };
}

/** A float64 constant tensor. */
export function doubleTensor(name: string, dims: readonly number[], values: ArrayLike<number>): OnnxTensor {
  checkSize(name, dims, values.length);
  return { name, dims: [...dims], dataType: OnnxDataType.DOUBLE, doubleData: Array.from(values) };
}

/** An int64 constant tensor (shapes, axes, indices). */
export function int64Tensor(name: string, dims: readonly number[], values: ArrayLike<number>): OnnxTensor {
  checkSize(name, dims, values.length);
  return { name, dims: [...dims], dataType: OnnxDataType.INT64, int64Data: Array.from(values) };
}

function checkSize(name: string, dims: readonly number[], n: number): void {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== n) throw new RangeError(`tensor ${name}: dims [${dims.join(', ')}] hold ${size} values, got ${n}`);
}

export function intAttribute(name: string, value: number): OnnxAttribute {
  return { name, type: 2, i: value };
}

export function intsAttribute(name: string, values: readonly number[]): OnnxAttribute {
  return { name, type: 7, ints: [...values] };
}

export function floatAttribute(name: string, value: number): OnnxAttribute {
  return { name, type: 1, f: value };
}

export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attributes: readonly OnnxAttribute[] = [], name?: string, domain?: string): OnnxNode {
  return { opType, input: [...inputs], output: [...outputs], attribute: [...attributes], ...(name ? { name } : {}), ...(domain ? { domain } : {}) };
}

/** A tensor value info with symbolic (string) or fixed (number) dims. */
export function tensorValueInfo(name: string, elemType: number, dims: readonly (number | string)[]): OnnxValueInfo {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
  };
}

/** Every name used in a graph (values, initializers, nodes), for collision-free new names. */
export function usedNames(graph: OnnxGraph): Set<string> {
  const names = new Set<string>();
  for (const v of [...(graph.input ?? []), ...(graph.output ?? []), ...(graph.valueInfo ?? [])]) names.add(v.name);
  for (const t of graph.initializer ?? []) if (t.name) names.add(t.name);
  for (const n of graph.node ?? []) {
    for (const x of [...(n.input ?? []), ...(n.output ?? [])]) names.add(x);
    if (n.name) names.add(n.name);
  }
  return names;
}

/** Returns a function that makes names unique within the graph: fresh('X') → 'X', 'X_1', … */
export function nameAllocator(graph: OnnxGraph, prefix = 'md_'): (base: string) => string {
  const used = usedNames(graph);
  return (base: string) => {
    let name = `${prefix}${base}`;
    for (let i = 1; used.has(name); i++) name = `${prefix}${base}_${i}`;
    used.add(name);
    return name;
  };
}

/** Renames every use of a value (node inputs and graph outputs) from `from` to `to`. */
export function renameValueUses(graph: OnnxGraph, from: string, to: string): OnnxGraph {
  return {
    ...graph,
    node: (graph.node ?? []).map((n) => ({ ...n, input: (n.input ?? []).map((x) => (x === from ? to : x)) })),
    output: (graph.output ?? []).map((o) => (o.name === from ? { ...o, name: to } : o)),
  };
}

/** Makes sure the model imports an opset of at least `version` for `domain` ('' = ai.onnx). */
export function withOpset(model: OnnxModel, domain: string, version: number): OnnxModel {
  const imports = [...(model.opsetImport ?? [])];
  const i = imports.findIndex((o) => (o.domain ?? '') === domain);
  if (i < 0) imports.push({ domain, version });
  else if ((imports[i].version ?? 0) < version) imports[i] = { domain, version };
  return { ...model, opsetImport: imports };
}

/** The default-domain opset the model imports (0 when absent). */
export function defaultOpset(model: OnnxModel): number {
  return model.opsetImport?.find((o) => !o.domain || o.domain === 'ai.onnx')?.version ?? 0;
}
