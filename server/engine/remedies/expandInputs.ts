/**
 * Input side of the marginalising rewrite: turns the model's N-row inputs into K·N rows,
 * block k holding every row with the sensitive feature set to v_k (row i of block k is at
 * k·N + i). The original graph body then runs unchanged on the K·N batch.
 */
import type { OnnxValueInfo } from '../../loaders/model/onnxProto';
import { intAttribute } from '../graph/onnxBuild';
import { boolTensor, SUPPORTED_INPUT_TYPES, typedTensor } from './typedConstants';
import { emit, int64Const, sliceAxis0, TO_END, unsqueeze, type Emitter } from './opsetNodes';

export type SensitiveTarget =
  /** Column `index` of the model's single [N, d] input. */
  | { readonly kind: 'column'; readonly index: number }
  /** The model takes one input per column; this one is sensitive. */
  | { readonly kind: 'input'; readonly name: string };

export interface ExpandedInputs {
  /** Original input name → name of its K·N-row replacement, for renaming the body's uses. */
  readonly replacements: ReadonlyMap<string, string>;
  /** An int64 [1] tensor holding N, the caller's row count, for shaping averaged outputs. */
  readonly rowCount: string;
}

export function expandInputs(e: Emitter, inputs: readonly OnnxValueInfo[], sensitive: SensitiveTarget, values: readonly (number | string)[]): ExpandedInputs {
  if (inputs.length === 0) throw new RangeError('marginaliseInput: the model has no inputs');
  const replacements = new Map<string, string>();
  if (sensitive.kind === 'column') {
    if (inputs.length !== 1) throw new RangeError(`marginaliseInput: a column index needs a model with one [N, d] input, this one has ${inputs.length} inputs; name the sensitive input instead`);
    replacements.set(inputs[0].name, replaceColumn(e, inputs[0], sensitive.index, values));
  } else {
    if (!inputs.some((i) => i.name === sensitive.name)) {
      throw new RangeError(`marginaliseInput: no model input is named "${sensitive.name}"; inputs are ${inputs.map((i) => i.name).join(', ')}`);
    }
    for (const input of inputs) {
      replacements.set(input.name, input.name === sensitive.name ? constantColumn(e, input, values) : tileRows(e, input, values.length));
    }
  }
  const rowCount = sliceAxis0(e, emit(e, 'Shape', [inputs[0].name], 'input_shape'), 0, 1, 'row_count');
  return { replacements, rowCount };
}

function elemTypeOf(input: OnnxValueInfo): number {
  const t = input.type?.tensorType?.elemType;
  if (t === undefined || !SUPPORTED_INPUT_TYPES.has(t)) {
    throw new TypeError(`marginaliseInput: input "${input.name}" has element type ${t ?? 'unknown'}; supported are float, double, int64, int32 and string tensors`);
  }
  return t;
}

function rankOf(input: OnnxValueInfo): number {
  const dims = input.type?.tensorType?.shape?.dim;
  if (!dims || dims.length === 0) throw new RangeError(`marginaliseInput: input "${input.name}" declares no shape; the rewrite needs its rank`);
  return dims.length;
}

/**
 * [N, d] → [K·N, d] with column s replaced. Where (not a 0/1 mask product) picks the values,
 * because NaN · 0 is NaN: a missing sensitive value would leak into every block.
 */
function replaceColumn(e: Emitter, input: OnnxValueInfo, s: number, values: readonly (number | string)[]): string {
  const type = elemTypeOf(input);
  const dims = input.type?.tensorType?.shape?.dim ?? [];
  const d = dims[1]?.dimValue;
  if (dims.length !== 2 || d === undefined) {
    throw new RangeError(`marginaliseInput: input "${input.name}" must be [N, d] with a fixed d to replace a column; its shape has ${dims.length} dims${dims.length === 2 ? ' and a symbolic width' : ''}`);
  }
  if (!Number.isInteger(s) || s < 0 || s >= d) throw new RangeError(`marginaliseInput: sensitive column ${s} is outside the input's ${d} columns`);
  const k = values.length;
  const filler = type === 8 ? '' : 0; // any value: Where never reads the non-sensitive cells of V
  const keep = e.fresh('keep_mask');
  e.initializers.push(boolTensor(keep, [1, 1, d], Array.from({ length: d }, (_, j) => j !== s)));
  const v = e.fresh('sensitive_values');
  e.initializers.push(typedTensor(v, type, [k, 1, d], values.flatMap((x) => Array.from({ length: d }, (_, j) => (j === s ? x : filler)))));
  const lifted = unsqueeze(e, input.name, [0], 'input_1nd');
  const blocks = emit(e, 'Where', [keep, lifted, v], 'input_knd');
  return emit(e, 'Reshape', [blocks, int64Const(e, 'kn_by_d', [-1, d])], 'input_kn_d');
}

/** The sensitive input of a one-input-per-column model: K blocks of N copies of v_k. */
function constantColumn(e: Emitter, input: OnnxValueInfo, values: readonly (number | string)[]): string {
  const type = elemTypeOf(input);
  const rank = rankOf(input);
  const never = e.fresh('never');
  e.initializers.push(boolTensor(never, [1], [false]));
  const v = e.fresh('sensitive_values');
  e.initializers.push(typedTensor(v, type, [values.length, ...Array<number>(rank).fill(1)], values));
  // Where broadcasts [1] × [1, N, …] × [K, 1, …] to [K, N, …]: the input gives only its shape.
  const blocks = emit(e, 'Where', [never, unsqueeze(e, input.name, [0], 'sensitive_1n'), v], 'sensitive_kn');
  return emit(e, 'Reshape', [blocks, flatShape(e, input.name)], 'sensitive_flat');
}

/** Any other per-column input: the N rows repeated K times along axis 0. */
function tileRows(e: Emitter, input: OnnxValueInfo, k: number): string {
  elemTypeOf(input);
  const rank = rankOf(input);
  return emit(e, 'Tile', [input.name, int64Const(e, 'tile_repeats', [k, ...Array<number>(rank - 1).fill(1)])], `${input.name}_tiled`);
}

/** [-1, …the input's trailing dims] as an int64 shape tensor. */
function flatShape(e: Emitter, name: string): string {
  const rest = sliceAxis0(e, emit(e, 'Shape', [name], 'shape'), 1, TO_END, 'trailing_dims');
  return emit(e, 'Concat', [int64Const(e, 'minus_one', [-1]), rest], 'flat_shape', [intAttribute('axis', 0)]);
}
