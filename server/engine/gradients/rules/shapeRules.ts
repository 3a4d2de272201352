/**
 * Operators that move or select elements without changing them: their gradient moves the
 * incoming gradient back. Reshape, Flatten, Squeeze and Unsqueeze keep the element order,
 * so the gradient is reshaped to the input's run-time shape; Transpose applies the inverse
 * permutation; Concat slices; Slice pads with zeros; Gather with constant indices along the
 * last axis multiplies by the transposed one-hot selection matrix; ReduceSum/ReduceMean
 * broadcast the gradient back over the reduced axes. Specs: https://onnx.ai/onnx/operators/.
 */
import { OnnxDataType, onnxDataTypeName } from '../../../loaders/model/onnxProto';
import { intAttribute, intsAttribute } from '../../graph/onnxBuild';
import { intAttr, intsAttr } from '../graphConstants';
import { normaliseAxis, shapeText, unsupported } from '../gradientTypes';
import { clampSlice, reducedAxes, sliceParams } from '../shapeInference';
import type { GradientRule } from './ruleTypes';
import { input, output } from './ruleTypes';

const passThrough: GradientRule = (r) => [r.grad];
const reshapeBack: GradientRule = (r) => [r.emit.reshapeLike(r.grad, input(r, 0))];

const transpose: GradientRule = (r) => {
  const rank = r.shape(input(r, 0)).length;
  const perm = intsAttr(r.node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const inverse = new Array<number>(rank);
  perm.forEach((p, i) => (inverse[p] = i));
  return [r.emit.op('Transpose', [r.grad], [intsAttribute('perm', inverse)])];
};

const concat: GradientRule = (r) => {
  const inputs = r.node.input ?? [];
  const rank = r.shape(inputs[0]).length;
  const axis = normaliseAxis(intAttr(r.node, 'axis', 0), rank, 'Concat');
  let offset = 0;
  return inputs.map((name, i) => {
    const size = r.shape(name)[axis];
    if (typeof size !== 'number') unsupported(`Concat input "${name}" has a symbolic size along axis ${axis}`, 'Concat');
    const start = offset;
    offset += size;
    return r.wants(i) ? r.emit.sliceAxis(r.grad, axis, start, start + size) : undefined;
  });
};

// Slice with step 1: the gradient is the output gradient padded back with zeros (Pad ≥ 11).
const slice: GradientRule = (r) => {
  const x = r.shape(input(r, 0));
  if (r.emit.opset < 11) unsupported('Slice gradient needs opset ≥ 11 (Pad with a pads input)', 'Slice');
  const p = sliceParams(r.node, x.length, r.constants);
  const before = new Array<number>(x.length).fill(0);
  const after = new Array<number>(x.length).fill(0);
  p.axes.forEach((axis, k) => {
    const d = x[axis];
    if (typeof d !== 'number') unsupported(`Slice along symbolic axis ${axis}`, 'Slice');
    const [s, e] = clampSlice(p.starts[k], p.ends[k], d);
    before[axis] = s;
    after[axis] = d - Math.max(s, e);
  });
  return [r.emit.op('Pad', [r.grad, r.emit.intConst('pads', [...before, ...after])]), undefined, undefined, undefined, undefined];
};

/**
 * Gather with constant indices along the last axis of data [..., S]: out = data · M with
 * M[s, j] = 1[s = idx_j], so d data = g · Mᵀ (repeated indices add up, as they must).
 */
const gather: GradientRule = (r) => {
  const x = r.shape(input(r, 0));
  const axis = normaliseAxis(intAttr(r.node, 'axis', 0), x.length, 'Gather');
  const idx = r.constant(input(r, 1));
  const size = x[axis];
  if (!idx) unsupported(`Gather node "${r.node.name ?? ''}": indices are not constant`, 'Gather');
  if (axis !== x.length - 1 || typeof size !== 'number' || idx.dims.length > 1) {
    unsupported(`Gather along axis ${axis} of ${shapeText(x)} with indices of rank ${idx.dims.length} (only constant 0-D/1-D indices on the last, fixed-size axis)`, 'Gather');
  }
  const k = idx.values.length;
  const mt = new Float64Array(k * size);
  idx.values.forEach((v, j) => (mt[j * size + (v < 0 ? v + size : v)] = 1));
  const g = idx.dims.length === 0 ? r.emit.unsqueeze(r.grad, [axis]) : r.grad;
  const selection = r.emit.floatConst('gather_onehot', [k, size], mt);
  return [r.emit.op('MatMul', [g, selection]), undefined];
};

function reduceRule(mean: boolean): GradientRule {
  return (r) => {
    const x = input(r, 0);
    const rank = r.shape(x).length;
    const axes = reducedAxes(r.node, rank, r.constants);
    const keep = intAttr(r.node, 'keepdims', 1) === 1;
    let g = keep || !axes.length ? r.grad : r.emit.unsqueeze(r.grad, axes);
    if (mean && axes.length) {
      // The count is |x| / |y|, computed at run time so a symbolic batch axis also works.
      const size = (v: string): string => r.emit.op('Cast', [r.emit.op('Size', [v])], [intAttribute('to', r.emit.elemType)]);
      g = r.emit.op('Div', [g, r.emit.op('Div', [size(x), size(output(r))])]);
    }
    return [r.emit.op('Expand', [g, r.emit.shapeOf(x)]), undefined];
  };
}

/** Casts between float types pass the gradient; a cast to an integer type cuts it. */
const cast: GradientRule = (r) => {
  const to = intAttr(r.node, 'to', 0);
  if (to !== OnnxDataType.FLOAT && to !== OnnxDataType.DOUBLE && to !== OnnxDataType.FLOAT16) {
    unsupported(`Cast node "${r.node.name ?? ''}" to ${onnxDataTypeName[to] ?? to} makes the output piecewise constant in the input (no gradient)`, 'Cast');
  }
  return [r.grad];
};

export const shapeRules: Readonly<Record<string, GradientRule>> = {
  Identity: passThrough,
  Cast: cast,
  Dropout: passThrough,
  Reshape: (r) => [...reshapeBack(r), undefined],
  Flatten: reshapeBack,
  Squeeze: (r) => [...reshapeBack(r), undefined],
  Unsqueeze: (r) => [...reshapeBack(r), undefined],
  Transpose: transpose,
  Concat: concat,
  Slice: slice,
  Gather: gather,
  ReduceSum: reduceRule(false),
  ReduceMean: reduceRule(true),
};
