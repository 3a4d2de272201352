/**
 * Value-level edits of a decoded graph used by the marginalising rewrite: renaming a value
 * where it is produced and used, finding what depends on an input, and dropping nodes
 * whose results nobody reads any more (the original label and ZipMap nodes once their
 * outputs are recomputed from averaged probabilities).
 */
import type { OnnxGraph, OnnxNode } from '../../loaders/model/onnxProto';

/** Renames a value in node outputs and node inputs (not in graph inputs/outputs). */
export function renameInNodes(nodes: readonly OnnxNode[], from: string, to: string): OnnxNode[] {
  const swap = (x: string) => (x === from ? to : x);
  return nodes.map((n) => ({ ...n, input: (n.input ?? []).map(swap), output: (n.output ?? []).map(swap) }));
}

/** The node producing a value, if any. */
export function producerOf(nodes: readonly OnnxNode[], value: string): OnnxNode | undefined {
  return nodes.find((n) => (n.output ?? []).includes(value));
}

/** Values computed (directly or not) from any of `sources`. */
export function dependentValues(nodes: readonly OnnxNode[], sources: readonly string[]): Set<string> {
  const reached = new Set(sources);
  // Nodes are topologically sorted (ONNX IR), so one pass suffices.
  for (const n of nodes) {
    if ((n.input ?? []).some((x) => reached.has(x))) for (const o of n.output ?? []) if (o) reached.add(o);
  }
  return reached;
}

/**
 * True when a node holds a subgraph (If, Loop, Scan): those can read outer values by name,
 * which a rename of node inputs would miss.
 */
export function hasSubgraphs(graph: OnnxGraph): boolean {
  return (graph.node ?? []).some((n) => (n.attribute ?? []).some((a) => a.g !== undefined || (a.graphs?.length ?? 0) > 0));
}

/** Drops nodes none of whose outputs are read by another node or a graph output. */
export function pruneDeadNodes(nodes: readonly OnnxNode[], graphOutputs: readonly string[]): OnnxNode[] {
  let kept = [...nodes];
  for (;;) {
    const read = new Set<string>(graphOutputs);
    for (const n of kept) for (const x of n.input ?? []) read.add(x);
    const next = kept.filter((n) => (n.output ?? []).some((o) => o !== '' && read.has(o)));
    if (next.length === kept.length) return next;
    kept = next;
  }
}
