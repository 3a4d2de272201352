/** Hostile ONNX files: truncated and corrupted protobufs, huge dims, unknown ops, unmappable outputs, prototype-key names. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { node, tensorValueInfo } from '../../../server/engine/graph/onnxBuild';
import { encodeOnnx, OnnxDataType, type OnnxModel } from '../../../server/loaders/model/onnxProto';
import { logisticColumnsModel } from '../remedies/handBuiltModels';
import { baseModel, writeModel } from './baseModels';
import type { HostileCase } from './corpusTypes';

const bytesOf = (m: OnnxModel): Buffer => Buffer.from(encodeOnnx(m));
const writeBytes = (dir: string, name: string, b: Uint8Array | string): string => {
  const path = join(dir, name);
  writeFileSync(path, b);
  return path;
};
/** A protobuf varint. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 127) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
/** A length-delimited protobuf field. */
const field = (id: number, body: Uint8Array): Buffer => Buffer.concat([Buffer.from(varint((id << 3) | 2)), Buffer.from(varint(body.length)), body]);

/** GraphProto nested `depth` times through NodeProto.attribute.g. */
function nestedGraphs(depth: number): Buffer {
  let g: Buffer = Buffer.alloc(0);
  for (let i = 0; i < depth; i++) {
    const attribute = Buffer.concat([field(1, Buffer.from('body')), field(6, g)]);
    const nodeBytes = Buffer.concat([field(4, Buffer.from('If')), field(5, attribute)]);
    g = field(1, nodeBytes);
  }
  return Buffer.concat([Buffer.from([0x08, 0x08]), field(7, g)]);
}

const model = (edit: (m: OnnxModel) => OnnxModel) => (dir: string): string => writeModel(dir, 'model.onnx', edit(baseModel()));
const onnx = (c: Omit<HostileCase, 'category' | 'target'>): HostileCase => ({ category: 'onnx', target: 'model', cli: true, ...c });
const output = (c: Omit<HostileCase, 'category' | 'target'>): HostileCase => ({ category: 'output', target: 'model', cli: true, ...c });
const INVALID = /not a valid ONNX model|no graph nodes/;

/** One input per column, named like Object.prototype's keys; scores of the rows (0, 1) and (2, 3) must be σ(x·[1, 2] + 0.1). */
function prototypeNamedInputs(names: readonly [string, string]): HostileCase {
  return {
    name: `inputs named ${names.join(' and ')} are fed by name`,
    category: 'onnx',
    target: 'predict',
    build: (d) => writeModel(d, 'model.onnx', logisticColumnsModel({ mean: [0, 0], scale: [1, 1], coef: [1, 2], bias: 0.1 }, names)),
    expect: 'ok',
    check: (v) => {
      const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
      const scores = [...(v as Float64Array)];
      assert.equal(scores.length, 2);
      [sigmoid(2.1), sigmoid(8.1)].forEach((want, i) => assert.ok(Math.abs(scores[i] - want) < 1e-6, `row ${i}: ${scores[i]}, expected ${want}`));
    },
  };
}

/** The base model with its probabilities output renamed (producer, graph output). */
function renamedProbabilities(name: string): (m: OnnxModel) => OnnxModel {
  const rename = (x: string): string => (x === 'probabilities' ? name : x);
  return (m) => ({
    ...m,
    graph: { ...m.graph!, node: m.graph!.node!.map((n) => ({ ...n, input: n.input?.map(rename), output: n.output?.map(rename) })), output: m.graph!.output!.map((o) => ({ ...o, name: rename(o.name!) })) },
  });
}

export const onnxCases: readonly HostileCase[] = [
  onnx({ name: 'truncated to half', build: (d) => writeBytes(d, 'half.onnx', bytesOf(baseModel()).subarray(0, 300)), expect: INVALID }),
  onnx({ name: 'truncated by one byte', build: (d) => { const b = bytesOf(baseModel()); return writeBytes(d, 'cut1.onnx', b.subarray(0, b.length - 1)); }, expect: INVALID }),
  onnx({ name: 'random bytes', build: (d) => writeBytes(d, 'random.onnx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24))), expect: INVALID }),
  onnx({ name: 'empty file', build: (d) => writeBytes(d, 'empty.onnx', ''), expect: /no graph nodes/ }),
  onnx({ name: 'a text file named .onnx', build: (d) => writeBytes(d, 'text.onnx', 'this is not a model\n'), expect: INVALID }),
  onnx({ name: 'graph field with a forged 2 GiB length', build: (d) => writeBytes(d, 'forged.onnx', Buffer.from([0x08, 0x08, 0x3a, ...varint(0x7fffffff), 1, 2, 3])), expect: INVALID }),
  onnx({ name: 'subgraphs nested 20 000 deep', build: (d) => writeBytes(d, 'deep.onnx', nestedGraphs(20_000)), expect: /not a valid ONNX model|nested|onnxruntime cannot load/ }),
  onnx({
    name: 'corrupted: every 50th byte flipped',
    build: (d) => {
      const b = bytesOf(baseModel());
      for (let i = 20; i < b.length; i += 50) b[i] ^= 0xff;
      return writeBytes(d, 'flipped.onnx', b);
    },
    expect: /not a valid ONNX model|no graph nodes|onnxruntime cannot load|input|output/,
  }),
  onnx({
    name: 'input declares 10^12 features',
    build: model((m) => ({ ...m, graph: { ...m.graph!, input: [tensorValueInfo('input', OnnxDataType.FLOAT, ['N', 1e12])] } })),
    expect: /takes 1000000000000 features but 2 are named|onnxruntime cannot load/,
  }),
  onnx({
    name: 'initializer declares 10^9 × 10^9 elements and holds 2',
    build: model((m) => ({ ...m, graph: { ...m.graph!, initializer: m.graph!.initializer!.map((t) => (t.name === 'W' ? { ...t, dims: [1e9, 1e9] } : t)) } })),
    expect: /onnxruntime cannot load/,
  }),
  onnx({
    name: 'operator from an unknown domain',
    build: model((m) => ({ ...m, graph: { ...m.graph!, node: [node('Evil', ['input'], ['x_centered_unused'], [], 'evil', 'com.evil'), ...m.graph!.node!] } })),
    expect: /onnxruntime cannot load/,
  }),
  onnx({
    name: 'model over the size limit',
    env: { MODEL_DIAGNOSTICS_MAX_FILE_MB: '0.0001' },
    build: (d) => writeModel(d, 'big.onnx', baseModel()),
    expect: /larger than the limit of 104 bytes.*MODEL_DIAGNOSTICS_MAX_FILE_MB/,
  }),
  onnx({
    name: 'input of type map',
    build: model((m) => ({
      ...m,
      graph: { ...m.graph!, input: [{ name: 'input', type: { mapType: { keyType: OnnxDataType.STRING, valueType: { tensorType: { elemType: OnnxDataType.FLOAT } } } } }] },
    })),
    expect: /onnxruntime cannot load|has type map/,
  }),
  onnx({ name: 'model file missing', build: (d) => join(d, 'missing.onnx'), expect: /model file not found/, cli: false }),
  prototypeNamedInputs(['__proto__', 'constructor']),
  prototypeNamedInputs(['hasOwnProperty', 'toString']),
  output({
    name: 'only an int64 label output, no class labels',
    build: model((m) => ({ ...m, graph: { ...m.graph!, output: m.graph!.output!.filter((o) => o.name === 'label') } })),
    expect: /regression model needs a float output tensor|cannot tell which output/,
  }),
  output({
    name: 'regression metadata with only an int64 output',
    build: model((m) => ({ ...m, metadataProps: [...m.metadataProps!, { key: 'task', value: 'regression' }], graph: { ...m.graph!, output: m.graph!.output!.filter((o) => o.name === 'label') } })),
    expect: /regression model needs a float output tensor/,
  }),
  output({
    name: 'classifier whose only output is a sequence of maps',
    build: model((m) => ({
      ...m,
      graph: { ...m.graph!, output: [{ name: 'label', type: { sequenceType: { elemType: { mapType: { keyType: OnnxDataType.INT64, valueType: { tensorType: { elemType: OnnxDataType.FLOAT } } } } } } }] },
    })),
    expect: /cannot tell which output|onnxruntime cannot load/,
  }),
  output({
    name: 'probabilities output named __proto__',
    build: model(renamedProbabilities('__proto__')),
    expect: /output named "__proto__" cannot be read through onnxruntime-node.*rename it/,
  }),
  output({
    name: 'feature_names metadata disagrees with the input width',
    build: model((m) => ({ ...m, metadataProps: [{ key: 'feature_names', value: '["a","b","c"]' }] })),
    expect: /takes 2 features but 3 are named/,
    cli: false,
  }),
];
