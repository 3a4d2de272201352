/**
 * The contract of a derivative rule: given a node and the gradient of the scalar objective
 * with respect to its (first) output, emit nodes computing the gradient with respect to each
 * input that needs one (reverse-mode accumulation, vector-Jacobian products).
 */
import type { OnnxNode } from '../../../loaders/model/onnxProto';
import type { GradientEmitter } from '../gradientEmitter';
import type { ConstantValue, Shape } from '../gradientTypes';

export interface RuleInput {
  readonly node: OnnxNode;
  /** Gradient with respect to output 0, same shape as that output. */
  readonly grad: string;
  /** Whether input i lies on a path from the model input to the selected output. */
  readonly wants: (i: number) => boolean;
  /** Static shape of a value; throws GradientUnsupportedError when unknown. */
  readonly shape: (name: string) => Shape;
  readonly constant: (name: string) => ConstantValue | undefined;
  readonly constants: ReadonlyMap<string, ConstantValue>;
  readonly emit: GradientEmitter;
}

/** Returns the gradient value name for each input (undefined where not wanted). */
export type GradientRule = (r: RuleInput) => (string | undefined)[];

export function input(r: RuleInput, i: number): string {
  return r.node.input?.[i] ?? '';
}

export function output(r: RuleInput): string {
  return r.node.output?.[0] ?? '';
}
