import type { OnnxModel } from './onnxProto';
import { OnnxDataType } from './onnxProto';

/**
 * skl2onnx ends classifiers with a ZipMap node that turns the [N, C] probability tensor
 * into a sequence of maps, which onnxruntime-node cannot return ("non-tensor type is not
 * supported"). We cut the ZipMap out of the graph and expose its input tensor as the
 * output with the same name, which is exactly the probabilities in class order.
 * Returns undefined when the graph has no ZipMap.
 */
export function removeZipMap(model: OnnxModel): OnnxModel | undefined {
  const graph = model.graph;
  const zipMaps = (graph?.node ?? []).filter((n) => n.opType === 'ZipMap');
  if (!graph || zipMaps.length === 0) return undefined;
  const renames = new Map<string, string>();
  for (const z of zipMaps) if (z.input?.[0] && z.output?.[0]) renames.set(z.output[0], z.input[0]);
  const outputs = (graph.output ?? []).map((o) => {
    const src = renames.get(o.name);
    if (!src) return o;
    return {
      name: src,
      type: { tensorType: { elemType: OnnxDataType.FLOAT, shape: { dim: [{ dimParam: 'N' }, { dimParam: 'C' }] } } },
      docString: `probabilities (was ZipMap output "${o.name}")`,
    };
  });
  return { ...model, graph: { ...graph, node: (graph.node ?? []).filter((n) => n.opType !== 'ZipMap'), output: outputs } };
}
