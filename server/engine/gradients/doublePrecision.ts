/**
 * Promotes the float32 parts of a graph to float64, so the gradient graph runs in double
 * precision (the weights keep their float32 values exactly). Integrated Gradients sums many
 * gradient evaluations and compares the sum with f(x) − f(x'); float32 rounding would
 * otherwise dominate that completeness gap on well-conditioned models.
 */
import type { OnnxAttribute, OnnxNode, OnnxTensor } from '../../loaders/model/onnxProto';
import { OnnxDataType, tensorValues } from '../../loaders/model/onnxProto';

export function tensorToDouble(t: OnnxTensor): OnnxTensor {
  if (t.dataType !== OnnxDataType.FLOAT) return t;
  const { rawData: _r, floatData: _f, ...rest } = t;
  return { ...rest, dataType: OnnxDataType.DOUBLE, doubleData: Array.from(tensorValues(t)) };
}

function attributeToDouble(a: OnnxAttribute, n: OnnxNode): OnnxAttribute {
  if (a.t) return { ...a, t: tensorToDouble(a.t) };
  if (n.opType === 'Cast' && a.name === 'to' && a.i === OnnxDataType.FLOAT) return { ...a, i: OnnxDataType.DOUBLE };
  return a;
}

/** Float32 constants, Constant nodes and Cast targets become float64. */
export function nodeToDouble(n: OnnxNode): OnnxNode {
  if (n.opType === 'Constant' && (n.domain ?? '') === '') {
    const f = n.attribute?.find((a) => a.name === 'value_float' || a.name === 'value_floats');
    if (f) {
      const values = f.name === 'value_float' ? [f.f ?? 0] : (f.floats ?? []);
      const dims = f.name === 'value_float' ? [] : [values.length];
      return { ...n, attribute: [{ name: 'value', type: 4, t: { dims, dataType: OnnxDataType.DOUBLE, doubleData: values } }] };
    }
  }
  return { ...n, attribute: (n.attribute ?? []).map((a) => attributeToDouble(a, n)) };
}
