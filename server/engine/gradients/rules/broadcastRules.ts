/**
 * Elementwise operators with numpy broadcasting (Add, Sub, Mul, Div, Sum, Pow with a
 * constant exponent, Where). The gradient of a broadcast operand is the output gradient
 * summed over the broadcast axes and reshaped to the operand (ONNX docs/Broadcasting.md).
 */
import { shapeText, unsupported } from '../gradientTypes';
import type { GradientRule, RuleInput } from './ruleTypes';
import { input, output } from './ruleTypes';

/** Sums `g` (shaped like the node output) back to the shape of the operand `operand`. */
export function unbroadcast(r: RuleInput, g: string, operand: string): string {
  const out = r.shape(output(r));
  const x = r.shape(operand);
  const lead = out.length - x.length;
  if (lead < 0) unsupported(`${r.node.opType}: operand ${shapeText(x)} has a higher rank than the output ${shapeText(out)}`, r.node.opType);
  const axes: number[] = [];
  for (let i = 0; i < out.length; i++) {
    if (i < lead) {
      axes.push(i);
      continue;
    }
    const d = x[i - lead];
    const o = out[i];
    if (d === o) continue;
    if (d === 1) axes.push(i);
    else if (!(typeof d === 'string' && typeof o === 'number') && !(typeof o === 'string' && typeof d === 'number')) {
      unsupported(`${r.node.opType} node "${r.node.name ?? ''}": cannot tell how ${shapeText(x)} broadcasts to ${shapeText(out)}`, r.node.opType);
    }
    // A symbolic dim against a fixed size is the same length at run time: no reduction.
  }
  if (!axes.length) return g;
  const summed = r.emit.reduceSum(g, axes, true);
  return lead > 0 ? r.emit.reshapeLike(summed, operand) : summed;
}

const add: GradientRule = (r) => [r.wants(0) ? unbroadcast(r, r.grad, input(r, 0)) : undefined, r.wants(1) ? unbroadcast(r, r.grad, input(r, 1)) : undefined];

const sub: GradientRule = (r) => [
  r.wants(0) ? unbroadcast(r, r.grad, input(r, 0)) : undefined,
  r.wants(1) ? unbroadcast(r, r.emit.op('Neg', [r.grad]), input(r, 1)) : undefined,
];

// Variadic Sum: every operand receives the (unbroadcast) output gradient.
const sum: GradientRule = (r) => (r.node.input ?? []).map((x, i) => (r.wants(i) ? unbroadcast(r, r.grad, x) : undefined));

// d(ab) = b da + a db
const mul: GradientRule = (r) => [
  r.wants(0) ? unbroadcast(r, r.emit.op('Mul', [r.grad, input(r, 1)]), input(r, 0)) : undefined,
  r.wants(1) ? unbroadcast(r, r.emit.op('Mul', [r.grad, input(r, 0)]), input(r, 1)) : undefined,
];

// y = a / b: dy/da = 1/b, dy/db = −a/b² = −y/b
const div: GradientRule = (r) => [
  r.wants(0) ? unbroadcast(r, r.emit.op('Div', [r.grad, input(r, 1)]), input(r, 0)) : undefined,
  r.wants(1) ? unbroadcast(r, r.emit.op('Neg', [r.emit.op('Div', [r.emit.op('Mul', [r.grad, output(r)]), input(r, 1)])]), input(r, 1)) : undefined,
];

// y = x^c with constant c: dy/dx = c x^(c−1)
const pow: GradientRule = (r) => {
  if (r.wants(1)) unsupported(`Pow node "${r.node.name ?? ''}": the exponent depends on the input (only constant exponents)`, 'Pow');
  const c = r.constant(input(r, 1));
  if (!c) unsupported(`Pow node "${r.node.name ?? ''}": exponent "${input(r, 1)}" is not a constant`, 'Pow');
  const cm1 = r.emit.floatConst('pow_cm1', c.dims, Array.from(c.values, (v) => v - 1));
  const cc = r.emit.floatConst('pow_c', c.dims, c.values);
  const local = r.emit.op('Mul', [cc, r.emit.op('Pow', [input(r, 0), cm1])]);
  return [unbroadcast(r, r.emit.op('Mul', [r.grad, local]), input(r, 0)), undefined];
};

// y = where(cond, a, b): the gradient flows to the selected branch.
const where: GradientRule = (r) => {
  const zero = r.emit.scalar(0);
  return [
    undefined,
    r.wants(1) ? unbroadcast(r, r.emit.op('Where', [input(r, 0), r.grad, zero]), input(r, 1)) : undefined,
    r.wants(2) ? unbroadcast(r, r.emit.op('Where', [input(r, 0), zero, r.grad]), input(r, 2)) : undefined,
  ];
};

export const broadcastRules: Readonly<Record<string, GradientRule>> = { Add: add, Sum: sum, Sub: sub, Mul: mul, Div: div, Pow: pow, Where: where };
