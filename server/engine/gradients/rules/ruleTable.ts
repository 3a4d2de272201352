/**
 * The derivative rules by operator (default ONNX domain only), and the operators whose
 * outputs carry no gradient (integer or boolean results: a comparison, ArgMax → label,
 * a shape), along which the backward pass simply stops.
 */
import { activationRules } from './activationRules';
import { broadcastRules } from './broadcastRules';
import { linearRules } from './linearRules';
import type { GradientRule } from './ruleTypes';
import { shapeRules } from './shapeRules';

export const GRADIENT_RULES: Readonly<Record<string, GradientRule>> = { ...activationRules, ...broadcastRules, ...linearRules, ...shapeRules };

export const NO_GRADIENT_OPS: ReadonlySet<string> = new Set([
  'ArgMax', 'ArgMin', 'Shape', 'Size', 'Greater', 'Less', 'Equal', 'GreaterOrEqual', 'LessOrEqual', 'Not', 'And', 'Or', 'Xor',
  'IsNaN', 'IsInf', 'NonZero', 'ConstantOfShape', 'Constant',
]);

/** Operators that are not differentiable at some points (kinks): Integrated Gradients splits the path there. */
export const KINK_OPS: ReadonlySet<string> = new Set(['Relu', 'LeakyRelu']);

export function supportedOperators(): string[] {
  return Object.keys(GRADIENT_RULES).sort();
}
