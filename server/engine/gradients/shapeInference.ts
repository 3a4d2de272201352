/**
 * Static shape inference for the operators the gradient rules support, with symbolic
 * dimensions kept as names (the batch 'N'). Shapes follow the operator specs at
 * https://onnx.ai/onnx/operators/ (numpy broadcasting: docs/Broadcasting.md). Values whose
 * producer is not covered get no shape; a rule that needs one then fails with a reason.
 */
import type { OnnxGraph, OnnxNode, OnnxValueInfo } from '../../loaders/model/onnxProto';
import { intAttr, intsAttr } from './graphConstants';
import type { ConstantValue, Dim, Shape } from './gradientTypes';
import { normaliseAxis, shapeText, unsupported } from './gradientTypes';

const SAME_SHAPE = new Set([
  'Identity', 'Cast', 'Relu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Exp', 'Log', 'Neg', 'Sqrt', 'Softmax', 'LogSoftmax',
  'Abs', 'Dropout', 'Erf', 'Softplus', 'Not', 'Reciprocal', 'Floor', 'Ceil', 'Round', 'Sign',
]);
const BROADCAST = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Greater', 'Less', 'Equal', 'GreaterOrEqual', 'LessOrEqual', 'Where', 'Sum', 'Max', 'Min', 'And', 'Or']);

export type ShapeMap = Map<string, Shape>;

/** Numpy-style broadcast of two shapes; a symbolic dim against a fixed one > 1 takes the fixed size. */
export function broadcastShapes(a: Shape, b: Shape, where: string): Shape {
  const r = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < r; i++) {
    const x = a[a.length - r + i] ?? 1;
    const y = b[b.length - r + i] ?? 1;
    if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else if (typeof x === 'string' && typeof y === 'number') out.push(y);
    else if (typeof y === 'string' && typeof x === 'number') out.push(x);
    else unsupported(`${where}: shapes ${shapeText(a)} and ${shapeText(b)} do not broadcast`);
  }
  return out;
}

function product(dims: readonly Dim[]): Dim {
  let p = 1;
  const names: string[] = [];
  for (const d of dims) {
    if (typeof d === 'number') p *= d;
    else names.push(d);
  }
  if (!names.length) return p;
  return p === 1 && names.length === 1 ? names[0] : `${names.join('*')}*${p}`;
}

function valueInfoShape(v: OnnxValueInfo): Shape | undefined {
  const dims = v.type?.tensorType?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d, i) => d.dimValue ?? d.dimParam ?? `?${v.name}_${i}`);
}

/** Infers shapes for every value it can, in node order; `inputShape` is the model input's. */
export function inferShapes(graph: OnnxGraph, inputName: string, inputShape: Shape, constants: ReadonlyMap<string, ConstantValue>): ShapeMap {
  const shapes: ShapeMap = new Map();
  for (const [name, c] of constants) shapes.set(name, c.dims);
  shapes.set(inputName, inputShape);
  for (const n of graph.node ?? []) {
    if ((n.domain ?? '') !== '' || !n.output?.length) continue;
    const ins = (n.input ?? []).map((x) => (x ? shapes.get(x) : undefined));
    let out: Shape | undefined;
    try {
      out = nodeShape(n, ins, constants);
    } catch {
      out = undefined;
    }
    if (out) shapes.set(n.output[0], out);
  }
  // Declared shapes fill the gaps (never override what the operators imply).
  for (const v of [...(graph.valueInfo ?? []), ...(graph.output ?? [])]) {
    const s = valueInfoShape(v);
    if (s && !shapes.has(v.name)) shapes.set(v.name, s);
  }
  return shapes;
}

function constInts(n: OnnxNode, index: number, constants: ReadonlyMap<string, ConstantValue>): number[] | undefined {
  const name = n.input?.[index];
  if (!name) return undefined;
  const c = constants.get(name);
  if (!c) unsupported(`${n.opType} node "${n.name ?? ''}": input ${index} ("${name}") must be a constant`, n.opType);
  return Array.from(c.values);
}

/** Axes of Squeeze/Unsqueeze/Reduce*: an attribute before the opset that made them an input. */
export function nodeAxes(n: OnnxNode, constants: ReadonlyMap<string, ConstantValue>): number[] | undefined {
  return intsAttr(n, 'axes') ?? constInts(n, 1, constants);
}

function nodeShape(n: OnnxNode, ins: (Shape | undefined)[], constants: ReadonlyMap<string, ConstantValue>): Shape | undefined {
  const op = n.opType;
  if (op === 'Constant') return constants.get(n.output![0])?.dims;
  if (op === 'Shape') return ins[0] ? [ins[0].length] : undefined;
  if (op === 'Size') return [];
  if (ins.some((s, i) => s === undefined && n.input?.[i])) return undefined;
  const x = ins[0] as Shape;
  if (SAME_SHAPE.has(op)) return x;
  if (BROADCAST.has(op)) return ins.slice(1).reduce<Shape>((a, b) => broadcastShapes(a, b as Shape, op), x);
  switch (op) {
    case 'Gemm': {
      const a = intAttr(n, 'transA', 0) ? [x[1], x[0]] : x;
      const b = ins[1] as Shape;
      return [a[0], intAttr(n, 'transB', 0) ? b[0] : b[1]];
    }
    case 'MatMul': {
      const b = ins[1] as Shape;
      if (x.length === 2 && b.length === 2) return [x[0], b[1]];
      if (x.length === 2 && b.length === 1) return [x[0]];
      return unsupported(`MatMul of shapes ${shapeText(x)} and ${shapeText(b)} (only 2-D × 2-D or 2-D × 1-D)`, op);
    }
    case 'Concat': {
      const axis = normaliseAxis(intAttr(n, 'axis', 0), x.length, op);
      const out = [...x];
      let total = 0;
      for (const s of ins) {
        const d = (s as Shape)[axis];
        if (typeof d !== 'number') return unsupported(`Concat along a symbolic axis`, op);
        total += d;
      }
      out[axis] = total;
      return out;
    }
    case 'Reshape':
      return reshapeTarget(x, constInts(n, 1, constants) ?? [], intAttr(n, 'allowzero', 0) === 1);
    case 'Flatten': {
      const axis = intAttr(n, 'axis', 1) < 0 ? intAttr(n, 'axis', 1) + x.length : intAttr(n, 'axis', 1);
      return [product(x.slice(0, axis)), product(x.slice(axis))];
    }
    case 'Transpose': {
      const perm = intsAttr(n, 'perm') ?? x.map((_, i) => x.length - 1 - i);
      return perm.map((p) => x[p]);
    }
    case 'Squeeze': {
      const axes = nodeAxes(n, constants)?.map((a) => normaliseAxis(a, x.length, op));
      return x.filter((d, i) => (axes && axes.length ? !axes.includes(i) : d !== 1));
    }
    case 'Unsqueeze': {
      const axes = nodeAxes(n, constants) ?? [];
      const r = x.length + axes.length;
      const set = new Set(axes.map((a) => normaliseAxis(a, r, op)));
      const out: Dim[] = [];
      let k = 0;
      for (let i = 0; i < r; i++) out.push(set.has(i) ? 1 : x[k++]);
      return out;
    }
    case 'ReduceSum':
    case 'ReduceMean':
    case 'ArgMax':
    case 'ArgMin': {
      const axes = reducedAxes(n, x.length, constants);
      const keep = intAttr(n, 'keepdims', 1) === 1;
      return keep ? x.map((d, i) => (axes.includes(i) ? 1 : d)) : x.filter((_, i) => !axes.includes(i));
    }
    case 'Gather': {
      const axis = normaliseAxis(intAttr(n, 'axis', 0), x.length, op);
      return [...x.slice(0, axis), ...(ins[1] as Shape), ...x.slice(axis + 1)];
    }
    case 'Slice':
      return slicedShape(n, x, constants);
    default:
      return undefined;
  }
}

/** Reduced axes (normalised) of a ReduceSum/ReduceMean/ArgMax node; empty axes mean all unless noop_with_empty_axes. */
export function reducedAxes(n: OnnxNode, rank: number, constants: ReadonlyMap<string, ConstantValue>): number[] {
  if (n.opType === 'ArgMax' || n.opType === 'ArgMin') return [normaliseAxis(intAttr(n, 'axis', 0), rank, n.opType)];
  const axes = nodeAxes(n, constants) ?? [];
  if (!axes.length) {
    if (intAttr(n, 'noop_with_empty_axes', 0)) return [];
    return Array.from({ length: rank }, (_, i) => i);
  }
  return axes.map((a) => normaliseAxis(a, rank, n.opType));
}

function reshapeTarget(x: Shape, target: number[], allowZero: boolean): Shape {
  const out: Dim[] = target.map((t, i) => (t === 0 && !allowZero ? x[i] : t));
  const minus = out.indexOf(-1);
  if (minus < 0) return out;
  const known = out.filter((_, i) => i !== minus);
  const numIn = x.filter((d): d is number => typeof d === 'number').reduce((a, b) => a * b, 1);
  const symIn = x.filter((d) => typeof d === 'string');
  const numOut = known.filter((d): d is number => typeof d === 'number').reduce((a, b) => a * b, 1);
  const symOut = known.filter((d) => typeof d === 'string');
  const rest = symIn.filter((s) => !symOut.includes(s));
  if (numIn % numOut !== 0 || rest.length > 1 || symOut.some((s) => !symIn.includes(s))) {
    unsupported(`Reshape of ${shapeText(x)} to [${target.join(', ')}]: cannot infer the -1 dimension`);
  }
  out[minus] = rest.length ? (numIn / numOut === 1 ? rest[0] : `${rest[0]}*${numIn / numOut}`) : numIn / numOut;
  return out;
}

function slicedShape(n: OnnxNode, x: Shape, constants: ReadonlyMap<string, ConstantValue>): Shape {
  const p = sliceParams(n, x.length, constants);
  const out = [...x];
  p.axes.forEach((axis, k) => {
    const d = x[axis];
    if (typeof d !== 'number') unsupported(`Slice along symbolic axis ${axis}`, 'Slice');
    const [s, e] = clampSlice(p.starts[k], p.ends[k], d);
    out[axis] = Math.max(0, e - s);
  });
  return out;
}

export interface SliceParams {
  readonly starts: number[];
  readonly ends: number[];
  readonly axes: number[];
}

/** Constant starts/ends/axes of a Slice node (attributes before opset 10); steps must be 1. */
export function sliceParams(n: OnnxNode, rank: number, constants: ReadonlyMap<string, ConstantValue>): SliceParams {
  const starts = intsAttr(n, 'starts') ?? constInts(n, 1, constants) ?? [];
  const ends = intsAttr(n, 'ends') ?? constInts(n, 2, constants) ?? [];
  const axes = (intsAttr(n, 'axes') ?? constInts(n, 3, constants) ?? starts.map((_, i) => i)).map((a) => normaliseAxis(a, rank, 'Slice'));
  const steps = constInts(n, 4, constants);
  if (steps && steps.some((s) => s !== 1)) unsupported(`Slice with steps [${steps.join(', ')}] (only step 1)`, 'Slice');
  return { starts, ends, axes };
}

/** Clamps slice bounds to [0, d] as the spec does for step 1. */
export function clampSlice(start: number, end: number, d: number): [number, number] {
  const s = Math.min(Math.max(start < 0 ? start + d : start, 0), d);
  const e = Math.min(Math.max(end < 0 ? end + d : end, 0), d);
  return [s, e];
}
