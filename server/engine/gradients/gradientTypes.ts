/**
 * Shared types of the gradient-graph builder: static shapes with a symbolic batch dimension,
 * constant tensors read from the graph, and the error a derivative rule throws when it cannot
 * differentiate a node (the caller then falls back to finite differences).
 */

/** One dimension: a fixed size, or a symbolic name such as 'N' (the batch). */
export type Dim = number | string;
export type Shape = readonly Dim[];

/** A constant tensor of the graph (initializer or Constant node) as float64 values. */
export interface ConstantValue {
  readonly dims: readonly number[];
  readonly values: Float64Array;
}

/** Thrown by shape inference and derivative rules; `reason` is shown to the user. */
export class GradientUnsupportedError extends Error {
  constructor(
    readonly reason: string,
    readonly operator?: string,
  ) {
    super(reason);
    this.name = 'GradientUnsupportedError';
  }
}

export function unsupported(reason: string, operator?: string): never {
  throw new GradientUnsupportedError(reason, operator);
}

export function shapeText(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** Normalises a possibly negative axis for a tensor of the given rank (ONNX convention). */
export function normaliseAxis(axis: number, rank: number, what: string): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a >= rank) unsupported(`${what}: axis ${axis} is out of range for rank ${rank}`);
  return a;
}
