/**
 * Constant tensors in whatever element type a graph value has, for the rewrite's replacement
 * values and masks. onnxBuild.ts covers float, double and int64; a sensitive input may also be
 * int32, string or need a bool mask, so the remaining storages live here (onnx.proto: bool and
 * int32 values go in int32_data, strings in string_data as UTF-8 bytes).
 */
import type { OnnxTensor } from '../../loaders/model/onnxProto';
import { OnnxDataType } from '../../loaders/model/onnxProto';
import { doubleTensor, floatTensor, int64Tensor } from '../graph/onnxBuild';

/** Element types a marginalised input may have. */
export const SUPPORTED_INPUT_TYPES: ReadonlySet<number> = new Set([
  OnnxDataType.FLOAT,
  OnnxDataType.DOUBLE,
  OnnxDataType.INT64,
  OnnxDataType.INT32,
  OnnxDataType.STRING,
]);

/** Element types of outputs that can be averaged. */
export const AVERAGEABLE_TYPES: ReadonlySet<number> = new Set([OnnxDataType.FLOAT, OnnxDataType.DOUBLE]);

export function boolTensor(name: string, dims: readonly number[], values: readonly boolean[]): OnnxTensor {
  checkSize(name, dims, values.length);
  return { name, dims: [...dims], dataType: OnnxDataType.BOOL, int32Data: values.map((v) => (v ? 1 : 0)) };
}

export function stringTensor(name: string, dims: readonly number[], values: readonly string[]): OnnxTensor {
  checkSize(name, dims, values.length);
  return { name, dims: [...dims], dataType: OnnxDataType.STRING, stringData: values.map((v) => Buffer.from(v, 'utf8')) };
}

/**
 * A constant of element type `elemType` holding `values`. Numbers go into numeric types (rounded
 * for integer types, whose observed values are integers anyway), strings into string tensors.
 */
export function typedTensor(name: string, elemType: number, dims: readonly number[], values: readonly (number | string)[]): OnnxTensor {
  if (elemType === OnnxDataType.STRING) return stringTensor(name, dims, values.map(String));
  const numbers = values.map((v) => {
    const x = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(x)) throw new TypeError(`constant ${name}: value "${String(v)}" is not a finite number, but the tensor's type is numeric (${elemType})`);
    return x;
  });
  switch (elemType) {
    case OnnxDataType.FLOAT:
      return floatTensor(name, dims, numbers);
    case OnnxDataType.DOUBLE:
      return doubleTensor(name, dims, numbers);
    case OnnxDataType.INT64:
      return int64Tensor(name, dims, numbers.map(Math.round));
    case OnnxDataType.INT32:
      checkSize(name, dims, numbers.length);
      return { name, dims: [...dims], dataType: OnnxDataType.INT32, int32Data: numbers.map(Math.round) };
    default:
      throw new TypeError(`constant ${name}: element type ${elemType} is not supported; supported are float, double, int64, int32 and string`);
  }
}

function checkSize(name: string, dims: readonly number[], n: number): void {
  const size = dims.reduce((a, b) => a * b, 1);
  if (size !== n) throw new RangeError(`tensor ${name}: dims [${dims.join(', ')}] hold ${size} values, got ${n}`);
}
