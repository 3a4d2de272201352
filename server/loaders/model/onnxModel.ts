import * as ort from 'onnxruntime-node';
import type { ModelSummary } from '../../results/report';
import { InputError } from '../data/loadError';
import { readInputFile } from '../fileAccess';
import { inlineExternalData } from './externalData';
import { decodeOnnx, encodeOnnx, type OnnxModel } from './onnxProto';
import { summarizeModel } from './modelSummary';
import { removeZipMap } from './zipMap';

export interface OnnxModelFile {
  readonly path: string;
  /** The decoded graph (after converter fix-ups such as ZipMap removal). */
  readonly onnx: OnnxModel;
  /** The summary of the file as written (before fix-ups). */
  readonly summary: ModelSummary;
  readonly session: ort.InferenceSession;
  /** Bytes given to onnxruntime (after fix-ups), for content hashing and graph edits. */
  readonly bytes: Uint8Array;
  /** What we changed so onnxruntime-node can return every output as a tensor. */
  readonly fixups: readonly string[];
}

export interface SessionOptions {
  /** Threads for one operator; default: all cores of this machine. */
  readonly intraOpThreads?: number;
}

/** Decodes the protobuf, checks it, applies converter fix-ups and opens an ORT session. */
export async function loadOnnxModel(path: string, options: SessionOptions = {}): Promise<OnnxModelFile> {
  const raw = await readInputFile(path, 'model', 'model.load');
  return openOnnxModel(path, raw, options);
}

export async function openOnnxModel(path: string, raw: Uint8Array, options: SessionOptions = {}): Promise<OnnxModelFile> {
  let decoded: OnnxModel;
  try {
    decoded = decodeOnnx(raw);
  } catch (e) {
    throw new InputError(
      path,
      `not a valid ONNX model (${e instanceof Error ? e.message : String(e)}); the file may be truncated or not an ONNX protobuf: re-export it`,
      undefined,
      undefined,
      'model.load',
    );
  }
  if (!decoded.graph || !(decoded.graph.node ?? []).length) {
    throw new InputError(path, 'the ONNX file has no graph nodes; the file may be truncated: re-export it', undefined, undefined, 'model.load');
  }
  const summary = summarizeModel(decoded);
  const fixups: string[] = [];
  let onnx = decoded;
  let bytes = raw;
  // onnxruntime must never resolve an external-data path itself (see externalData.ts).
  const external = await inlineExternalData(path, decoded, raw);
  if (external.inlined > 0) {
    bytes = encodeOnnx(decoded);
    fixups.push(`inlined the external data of ${external.inlined} tensor(s) from the model's folder`);
  }
  const withoutZipMap = removeZipMap(onnx);
  if (withoutZipMap) {
    onnx = withoutZipMap;
    bytes = encodeOnnx(withoutZipMap);
    fixups.push('removed ZipMap: probabilities read from its input tensor');
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: options.intraOpThreads ?? 0,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      logSeverityLevel: 3,
    });
  } catch (e) {
    throw new InputError(path, `onnxruntime cannot load the model: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, undefined, undefined, 'model.load');
  }
  return { path, onnx, summary, session, bytes, fixups };
}
