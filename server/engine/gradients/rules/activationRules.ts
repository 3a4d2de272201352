/**
 * Elementwise activations and transcendental functions, with their derivatives written in
 * terms of the forward input x or output y (operator definitions: https://onnx.ai/onnx/operators/).
 * ReLU and LeakyReLU have no derivative at 0; like the common frameworks we use the left
 * one there (relu'(0) = 0). Integrated Gradients integrates across such kinks anyway.
 */
import { floatAttr, intAttr } from '../graphConstants';
import { normaliseAxis, unsupported } from '../gradientTypes';
import type { GradientRule } from './ruleTypes';
import { input, output } from './ruleTypes';

// relu'(x) = 1[x > 0]
const relu: GradientRule = (r) => [r.emit.op('Where', [r.emit.op('Greater', [input(r, 0), r.emit.scalar(0)]), r.grad, r.emit.scalar(0)])];

// leaky'(x) = 1 for x > 0, alpha otherwise (alpha defaults to 0.01)
const leakyRelu: GradientRule = (r) => {
  const alpha = floatAttr(r.node, 'alpha', 0.01);
  const scaled = r.emit.op('Mul', [r.grad, r.emit.scalar(alpha)]);
  return [r.emit.op('Where', [r.emit.op('Greater', [input(r, 0), r.emit.scalar(0)]), r.grad, scaled])];
};

// σ' = y (1 − y)
const sigmoid: GradientRule = (r) => {
  const y = output(r);
  return [r.emit.op('Mul', [r.grad, r.emit.op('Mul', [y, r.emit.op('Sub', [r.emit.scalar(1), y])])])];
};

// tanh' = 1 − y²
const tanh: GradientRule = (r) => {
  const y = output(r);
  return [r.emit.op('Mul', [r.grad, r.emit.op('Sub', [r.emit.scalar(1), r.emit.op('Mul', [y, y])])])];
};

const exp: GradientRule = (r) => [r.emit.op('Mul', [r.grad, output(r)])];
const log: GradientRule = (r) => [r.emit.op('Div', [r.grad, input(r, 0)])];
const neg: GradientRule = (r) => [r.emit.op('Neg', [r.grad])];
// sqrt' = 1 / (2 y)
const sqrt: GradientRule = (r) => [r.emit.op('Div', [r.emit.op('Mul', [r.grad, r.emit.scalar(0.5)]), output(r)])];

/**
 * Softmax along `axis` (opset ≥ 13; default −1): dx = y ⊙ (g − Σ_axis g ⊙ y). Before opset 13
 * Softmax flattened the input to 2-D at `axis` (default 1), which is the same thing when
 * the axis is the last one.
 */
const softmax: GradientRule = (r) => {
  const rank = r.shape(input(r, 0)).length;
  const axis = normaliseAxis(intAttr(r.node, 'axis', r.emit.opset >= 13 ? -1 : 1), rank, 'Softmax');
  if (r.emit.opset < 13 && axis !== rank - 1) unsupported(`Softmax before opset 13 with axis ${axis} of a rank-${rank} tensor (only the last axis)`, 'Softmax');
  const y = output(r);
  const dot = r.emit.reduceSum(r.emit.op('Mul', [r.grad, y]), [axis], true);
  return [r.emit.op('Mul', [y, r.emit.op('Sub', [r.grad, dot])])];
};

export const activationRules: Readonly<Record<string, GradientRule>> = {
  Relu: relu,
  LeakyRelu: leakyRelu,
  Sigmoid: sigmoid,
  Tanh: tanh,
  Exp: exp,
  Log: log,
  Neg: neg,
  Sqrt: sqrt,
  Softmax: softmax,
};
