/**
 * Decoding of ONNX model files with protobufjs, from a descriptor of the subset of
 * onnx.proto (https://github.com/onnx/onnx/blob/main/onnx/onnx.proto, IR version 10)
 * that we read: the graph, its nodes and attributes, initializers, value infos, opsets and
 * metadata. Field numbers are the spec's; unknown fields are skipped by protobufjs.
 */
import * as protobuf from 'protobufjs';

const descriptor = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: {
            irVersion: { type: 'int64', id: 1 },
            opsetImport: { rule: 'repeated', type: 'OperatorSetIdProto', id: 8 },
            producerName: { type: 'string', id: 2 },
            producerVersion: { type: 'string', id: 3 },
            domain: { type: 'string', id: 4 },
            modelVersion: { type: 'int64', id: 5 },
            docString: { type: 'string', id: 6 },
            graph: { type: 'GraphProto', id: 7 },
            metadataProps: { rule: 'repeated', type: 'StringStringEntryProto', id: 14 },
          },
        },
        OperatorSetIdProto: {
          fields: { domain: { type: 'string', id: 1 }, version: { type: 'int64', id: 2 } },
        },
        StringStringEntryProto: {
          fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } },
        },
        GraphProto: {
          fields: {
            node: { rule: 'repeated', type: 'NodeProto', id: 1 },
            name: { type: 'string', id: 2 },
            initializer: { rule: 'repeated', type: 'TensorProto', id: 5 },
            docString: { type: 'string', id: 10 },
            input: { rule: 'repeated', type: 'ValueInfoProto', id: 11 },
            output: { rule: 'repeated', type: 'ValueInfoProto', id: 12 },
            valueInfo: { rule: 'repeated', type: 'ValueInfoProto', id: 13 },
          },
        },
        NodeProto: {
          fields: {
            input: { rule: 'repeated', type: 'string', id: 1 },
            output: { rule: 'repeated', type: 'string', id: 2 },
            name: { type: 'string', id: 3 },
            opType: { type: 'string', id: 4 },
            domain: { type: 'string', id: 7 },
            attribute: { rule: 'repeated', type: 'AttributeProto', id: 5 },
            docString: { type: 'string', id: 6 },
          },
        },
        AttributeProto: {
          fields: {
            name: { type: 'string', id: 1 },
            refAttrName: { type: 'string', id: 21 },
            docString: { type: 'string', id: 13 },
            type: { type: 'int32', id: 20 },
            f: { type: 'float', id: 2 },
            i: { type: 'int64', id: 3 },
            s: { type: 'bytes', id: 4 },
            t: { type: 'TensorProto', id: 5 },
            g: { type: 'GraphProto', id: 6 },
            floats: { rule: 'repeated', type: 'float', id: 7, options: { packed: true } },
            ints: { rule: 'repeated', type: 'int64', id: 8, options: { packed: true } },
            strings: { rule: 'repeated', type: 'bytes', id: 9 },
            tensors: { rule: 'repeated', type: 'TensorProto', id: 10 },
            graphs: { rule: 'repeated', type: 'GraphProto', id: 11 },
          },
        },
        TensorProto: {
          fields: {
            dims: { rule: 'repeated', type: 'int64', id: 1, options: { packed: true } },
            dataType: { type: 'int32', id: 2 },
            floatData: { rule: 'repeated', type: 'float', id: 4, options: { packed: true } },
            int32Data: { rule: 'repeated', type: 'int32', id: 5, options: { packed: true } },
            stringData: { rule: 'repeated', type: 'bytes', id: 6 },
            int64Data: { rule: 'repeated', type: 'int64', id: 7, options: { packed: true } },
            name: { type: 'string', id: 8 },
            docString: { type: 'string', id: 12 },
            rawData: { type: 'bytes', id: 9 },
            doubleData: { rule: 'repeated', type: 'double', id: 10, options: { packed: true } },
            uint64Data: { rule: 'repeated', type: 'uint64', id: 11, options: { packed: true } },
            externalData: { rule: 'repeated', type: 'StringStringEntryProto', id: 13 },
            dataLocation: { type: 'int32', id: 14 },
          },
        },
        ValueInfoProto: {
          fields: {
            name: { type: 'string', id: 1 },
            type: { type: 'TypeProto', id: 2 },
            docString: { type: 'string', id: 3 },
          },
        },
        TypeProto: {
          oneofs: { value: { oneof: ['tensorType', 'sequenceType', 'mapType', 'optionalType', 'sparseTensorType'] } },
          fields: {
            tensorType: { type: 'TypeTensor', id: 1 },
            sequenceType: { type: 'TypeSequence', id: 4 },
            mapType: { type: 'TypeMap', id: 5 },
            optionalType: { type: 'TypeOptional', id: 9 },
            sparseTensorType: { type: 'TypeTensor', id: 8 },
            denotation: { type: 'string', id: 6 },
          },
        },
        TypeTensor: {
          fields: { elemType: { type: 'int32', id: 1 }, shape: { type: 'TensorShapeProto', id: 2 } },
        },
        TypeSequence: { fields: { elemType: { type: 'TypeProto', id: 1 } } },
        TypeMap: { fields: { keyType: { type: 'int32', id: 1 }, valueType: { type: 'TypeProto', id: 2 } } },
        TypeOptional: { fields: { elemType: { type: 'TypeProto', id: 1 } } },
        TensorShapeProto: { fields: { dim: { rule: 'repeated', type: 'Dimension', id: 1 } } },
        Dimension: {
          oneofs: { value: { oneof: ['dimValue', 'dimParam'] } },
          fields: {
            dimValue: { type: 'int64', id: 1 },
            dimParam: { type: 'string', id: 2 },
            denotation: { type: 'string', id: 3 },
          },
        },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);
const ModelType = root.lookupType('onnx.ModelProto');

/* Plain-object shapes produced by `toObject` with longs as numbers and bytes as buffers. */

export interface OnnxTensor {
  dims?: number[];
  dataType?: number;
  floatData?: number[];
  int32Data?: number[];
  stringData?: Uint8Array[];
  int64Data?: number[];
  name?: string;
  rawData?: Uint8Array;
  doubleData?: number[];
  uint64Data?: number[];
  /** `location`, `offset`, `length`, `checksum` of data stored outside the model file (dataLocation EXTERNAL). */
  externalData?: { key?: string; value?: string }[];
  /** 0 DEFAULT, 1 EXTERNAL. */
  dataLocation?: number;
}

export interface OnnxAttribute {
  name: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: OnnxTensor;
  g?: OnnxGraph;
  floats?: number[];
  ints?: number[];
  strings?: Uint8Array[];
  tensors?: OnnxTensor[];
  graphs?: OnnxGraph[];
}

export interface OnnxNode {
  input?: string[];
  output?: string[];
  name?: string;
  opType: string;
  domain?: string;
  attribute?: OnnxAttribute[];
}

export interface OnnxTypeProto {
  tensorType?: { elemType?: number; shape?: { dim?: { dimValue?: number; dimParam?: string }[] } };
  sequenceType?: { elemType?: OnnxTypeProto };
  mapType?: { keyType?: number; valueType?: OnnxTypeProto };
  optionalType?: { elemType?: OnnxTypeProto };
  sparseTensorType?: { elemType?: number };
}

export interface OnnxValueInfo {
  name: string;
  type?: OnnxTypeProto;
  docString?: string;
}

export interface OnnxGraph {
  node?: OnnxNode[];
  name?: string;
  initializer?: OnnxTensor[];
  input?: OnnxValueInfo[];
  output?: OnnxValueInfo[];
  valueInfo?: OnnxValueInfo[];
  docString?: string;
}

export interface OnnxModel {
  irVersion?: number;
  opsetImport?: { domain?: string; version?: number }[];
  producerName?: string;
  producerVersion?: string;
  domain?: string;
  modelVersion?: number;
  docString?: string;
  graph?: OnnxGraph;
  metadataProps?: { key?: string; value?: string }[];
}

/** Decodes an ONNX file's bytes; throws protobufjs's error on malformed input. */
export function decodeOnnx(bytes: Uint8Array): OnnxModel {
  const message = ModelType.decode(bytes);
  return ModelType.toObject(message, { longs: Number, bytes: Buffer, defaults: false, arrays: true }) as OnnxModel;
}

/** Encodes a (possibly edited) model back to bytes, e.g. after removing a ZipMap. */
export function encodeOnnx(model: OnnxModel): Uint8Array {
  const message = ModelType.fromObject(model);
  return ModelType.encode(message).finish();
}

/** TensorProto.DataType codes (onnx.proto). */
export const OnnxDataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
} as const;

export const onnxDataTypeName: Readonly<Record<number, string>> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  16: 'bfloat16',
};

export function attribute(node: OnnxNode, name: string): OnnxAttribute | undefined {
  return node.attribute?.find((a) => a.name === name);
}

export function attributeStrings(node: OnnxNode, name: string): string[] | undefined {
  const a = attribute(node, name);
  return a?.strings?.map((s) => Buffer.from(s).toString('utf8'));
}

export function attributeString(node: OnnxNode, name: string): string | undefined {
  const a = attribute(node, name);
  return a?.s ? Buffer.from(a.s).toString('utf8') : undefined;
}

/** Numbers of a tensor attribute or initializer, whatever storage the writer used. */
export function tensorValues(t: OnnxTensor): Float64Array {
  const type = t.dataType ?? 0;
  if (t.rawData && t.rawData.length > 0) {
    const buf = Buffer.from(t.rawData);
    const copy = new Uint8Array(buf.length);
    copy.set(buf);
    const ab = copy.buffer;
    // A damaged tensor's byte length need not be a multiple of the element size: read whole elements only.
    const whole = (size: number): number => Math.floor(ab.byteLength / size);
    switch (type) {
      case OnnxDataType.FLOAT:
        return Float64Array.from(new Float32Array(ab, 0, whole(4)));
      case OnnxDataType.DOUBLE:
        return new Float64Array(ab, 0, whole(8));
      case OnnxDataType.INT64:
        return Float64Array.from(new BigInt64Array(ab, 0, whole(8)), (v) => Number(v));
      case OnnxDataType.INT32:
        return Float64Array.from(new Int32Array(ab, 0, whole(4)));
      case OnnxDataType.UINT8:
      case OnnxDataType.BOOL:
        return Float64Array.from(new Uint8Array(ab));
      case OnnxDataType.INT8:
        return Float64Array.from(new Int8Array(ab));
      default:
        return new Float64Array(0);
    }
  }
  const src = t.floatData?.length
    ? t.floatData
    : t.doubleData?.length
      ? t.doubleData
      : t.int64Data?.length
        ? t.int64Data
        : t.int32Data?.length
          ? t.int32Data
          : t.uint64Data ?? [];
  return Float64Array.from(src);
}

export function tensorElementCount(t: OnnxTensor): number {
  return (t.dims ?? []).reduce((a, b) => a * b, 1);
}

/** A numeric attribute list as float64, from `floats`/`ints` or a tensor attribute (`*_as_tensor`). */
export function attributeNumbers(node: OnnxNode, name: string): Float64Array | undefined {
  const a = attribute(node, name);
  if (a) {
    if (a.floats && a.floats.length) return Float64Array.from(a.floats);
    if (a.ints && a.ints.length) return Float64Array.from(a.ints);
    if (a.t) return tensorValues(a.t);
    return new Float64Array(0);
  }
  const asTensor = attribute(node, `${name}_as_tensor`);
  return asTensor?.t ? tensorValues(asTensor.t) : undefined;
}
