/**
 * Which scalar per row to differentiate: one column of a named output tensor (e.g.
 * 'probabilities' column 1 = P(class 1), or 'variable' column 0), or the logit before the
 * final Sigmoid/Softmax that produces that column. The logit is found by walking back
 * through Identity and Concat (sklearn-style binary exports write [1 − p, p]).
 */
import type { OnnxNode } from '../../loaders/model/onnxProto';
import { intAttr } from './graphConstants';
import type { Shape } from './gradientTypes';
import { normaliseAxis, unsupported } from './gradientTypes';
import type { ShapeMap } from './shapeInference';

export interface OutputSelector {
  /** Name of the output tensor (any value of the graph), rank 1 [N] or rank 2 [N, C]. */
  readonly output: string;
  /** Column of a rank-2 output; 0 for rank 1. */
  readonly column: number;
  /** Differentiate the pre-activation (logit) of the final Sigmoid/Softmax instead. */
  readonly beforeActivation?: boolean;
}

export interface ResolvedTarget {
  readonly tensor: string;
  readonly column: number;
  readonly shape: Shape;
  readonly description: string;
}

export function resolveTarget(producers: ReadonlyMap<string, OnnxNode>, shapes: ShapeMap, selector: OutputSelector): ResolvedTarget {
  const shapeOf = (name: string): Shape => {
    const s = shapes.get(name);
    if (!s) unsupported(`the shape of "${name}" is unknown`);
    return s;
  };
  const first = shapeOf(selector.output);
  checkColumn(selector.output, first, selector.column);
  const description = `${selector.output}[:, ${selector.column}]`;
  if (!selector.beforeActivation) return { tensor: selector.output, column: selector.column, shape: first, description };
  let name = selector.output;
  let column = selector.column;
  for (let hops = 0; hops < 64; hops++) {
    const n = producers.get(name);
    if (!n) break;
    const op = (n.domain ?? '') === '' ? n.opType : `${n.domain}.${n.opType}`;
    const x = n.input?.[0] ?? '';
    if (op === 'Identity') {
      name = x;
      continue;
    }
    if (op === 'Concat') {
      const s = shapeOf(name);
      if (s.length !== 2 || normaliseAxis(intAttr(n, 'axis', 0), 2, 'Concat') !== 1) break;
      let offset = 0;
      const piece = (n.input ?? []).find((p) => {
        const w = shapeOf(p)[1];
        if (typeof w !== 'number') unsupported(`Concat input "${p}" has a symbolic width`);
        if (column < offset + w) return true;
        offset += w;
        return false;
      });
      if (!piece) break;
      name = piece;
      column -= offset;
      continue;
    }
    if (op === 'Sigmoid' || (op === 'Softmax' && shapeOf(name).length === 2 && normaliseAxis(intAttr(n, 'axis', -1), 2, 'Softmax') === 1)) {
      const s = shapeOf(x);
      checkColumn(x, s, column);
      return { tensor: x, column, shape: s, description: `${x}[:, ${column}] (logit before ${op} of ${description})` };
    }
    return unsupported(`no Sigmoid or Softmax directly before ${description}: "${name}" comes from ${op} (differentiate the output itself instead)`);
  }
  return unsupported(`no Sigmoid or Softmax found before ${description}`);
}

function checkColumn(name: string, s: Shape, column: number): void {
  if (s.length === 1 && column === 0) return;
  if (s.length !== 2) unsupported(`output "${name}" has shape [${s.join(', ')}]; expected [N] or [N, C]`);
  const c = s[1];
  if (typeof c !== 'number') unsupported(`output "${name}" has a symbolic column count`);
  if (!Number.isInteger(column) || column < 0 || column >= c) unsupported(`column ${column} is out of range for "${name}" with ${c} columns`);
}
