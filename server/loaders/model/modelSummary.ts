import type { ModelSummary } from '../../results/report';
import type { OnnxModel, OnnxTypeProto, OnnxValueInfo } from './onnxProto';
import { attribute, attributeNumbers, attributeStrings, onnxDataTypeName, tensorElementCount } from './onnxProto';

export type { IoSignature as IoDescription } from '../../results/report';
import type { IoSignature as IoDescription } from '../../results/report';

export function describeValue(v: OnnxValueInfo): IoDescription {
  return { name: v.name, type: typeName(v.type), shape: shapeOf(v.type), isTensor: !!v.type?.tensorType };
}

function typeName(t: OnnxTypeProto | undefined): string {
  if (!t) return 'unknown';
  if (t.tensorType) return onnxDataTypeName[t.tensorType.elemType ?? 0] ?? `type${t.tensorType.elemType}`;
  if (t.sequenceType) return `seq(${typeName(t.sequenceType.elemType)})`;
  if (t.mapType) return `map(${onnxDataTypeName[t.mapType.keyType ?? 0] ?? '?'},${typeName(t.mapType.valueType)})`;
  if (t.optionalType) return `optional(${typeName(t.optionalType.elemType)})`;
  return 'unknown';
}

function shapeOf(t: OnnxTypeProto | undefined): (number | string)[] {
  return (t?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue !== undefined ? d.dimValue : d.dimParam ?? '?'));
}

/** Class labels as written by the converter on a classifier node, if any. */
export function classLabels(model: OnnxModel): string[] | undefined {
  for (const node of model.graph?.node ?? []) {
    const strings = attributeStrings(node, 'classlabels_strings');
    if (strings && strings.length) return strings;
    const ints = attribute(node, 'classlabels_int64s') ?? attribute(node, 'classlabels_ints');
    if (ints?.ints?.length) return ints.ints.map(String);
  }
  const meta = metadataOf(model).classes;
  if (meta) {
    try {
      const parsed: unknown = JSON.parse(meta);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      /* not JSON: ignore */
    }
  }
  return undefined;
}

export function metadataOf(model: OnnxModel): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of model.metadataProps ?? []) if (p.key) out[p.key] = p.value ?? '';
  return out;
}

/** Counts parameters: initializer elements plus numeric attribute values of ML operators (tree thresholds, leaf weights, coefficients). */
export function parameterCount(model: OnnxModel): number {
  let n = 0;
  for (const t of model.graph?.initializer ?? []) n += tensorElementCount(t);
  for (const node of model.graph?.node ?? []) {
    if (node.domain !== 'ai.onnx.ml') continue;
    for (const a of node.attribute ?? []) {
      if (/^(nodes_values|target_weights|class_weights|leaf_weights|coefficients|intercepts|nodes_splits)(_as_tensor)?$/.test(a.name)) {
        n += attributeNumbers(node, a.name.replace(/_as_tensor$/, ''))?.length ?? 0;
      }
    }
  }
  return n;
}

export function summarizeModel(model: OnnxModel): ModelSummary {
  const graph = model.graph ?? {};
  const opsets: Record<string, number> = {};
  for (const o of model.opsetImport ?? []) opsets[o.domain || 'ai.onnx'] = o.version ?? 0;
  const operators = Array.from(new Set((graph.node ?? []).map((n) => (n.domain ? `${n.domain}.${n.opType}` : n.opType)))).sort();
  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name));
  return {
    inputs: (graph.input ?? []).filter((i) => !initializerNames.has(i.name)).map(describeValue),
    outputs: (graph.output ?? []).map(describeValue),
    opsets,
    operators,
    parameterCount: parameterCount(model),
    producer: [model.producerName, model.producerVersion].filter(Boolean).join(' ') || undefined,
    metadata: metadataOf(model),
    classes: classLabels(model),
  };
}
