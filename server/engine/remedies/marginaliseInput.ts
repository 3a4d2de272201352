/**
 * Remedy for a model that uses a sensitive input directly: a graph rewrite that
 * marginalises the input over its observed distribution inside the model,
 *
 *   f̃(x) = Σ_k w_k · f(x with x_s := v_k),
 *
 * so f̃ cannot depend on x_s at all (every row is scored at every v_k), while keeping the
 * model's input and output names, types and shapes: a drop-in replacement. This removes
 * direct use only; proxies of the attribute among the other inputs keep their influence
 * (that is leak.proxy's finding). The cost is K model evaluations per row.
 */
import type { OnnxModel, OnnxTensor, OnnxValueInfo } from '../../loaders/model/onnxProto';
import { defaultOpset, nameAllocator, withOpset } from '../graph/onnxBuild';
import { averageOutputs, type OutputPlanEntry } from './averageOutputs';
import { expandInputs, type SensitiveTarget } from './expandInputs';
import { dependentValues, hasSubgraphs, pruneDeadNodes, renameInNodes } from './graphValues';
import { MIN_OPSET, type Emitter } from './opsetNodes';

export type { SensitiveTarget } from './expandInputs';

export interface MarginalSpec {
  readonly sensitive: SensitiveTarget;
  /** Values v_k the sensitive input takes (numbers; strings for string inputs). */
  readonly values: readonly (number | string)[];
  /** Weights w_k ≥ 0, one per value; normalised to sum to 1. */
  readonly weights: readonly number[];
}

export interface MarginalisedModel {
  readonly model: OnnxModel;
  /** What the rewrite did beyond averaging, in plain sentences (for the user). */
  readonly notes: readonly string[];
}

/** Opset added when a model imports no default domain (pure ai.onnx.ml); needs IR version 7. */
const ADDED_OPSET = 13;
const ADDED_OPSET_IR = 7;
/** Metadata key recording what was marginalised, for the model card. */
export const MARGINALISED_METADATA_KEY = 'modeldiag.marginalised_input';

export function marginaliseInput(source: OnnxModel, spec: MarginalSpec): MarginalisedModel {
  const weights = normalisedWeights(spec);
  let model = source;
  const graph = model.graph;
  if (!graph || !(graph.node ?? []).length) throw new RangeError('marginaliseInput: the model has no graph nodes');
  if (hasSubgraphs(graph)) throw new RangeError('marginaliseInput: models with control flow (If, Loop, Scan) are not supported');
  const notes: string[] = [];
  let opset = defaultOpset(model);
  if (opset === 0) {
    // No default-domain node exists yet, so importing an opset changes nothing already there.
    model = { ...withOpset(model, '', ADDED_OPSET), irVersion: Math.max(model.irVersion ?? 0, ADDED_OPSET_IR) };
    opset = ADDED_OPSET;
    notes.push(`imported ai.onnx opset ${ADDED_OPSET} for the averaging nodes`);
  }
  if (opset < MIN_OPSET) throw new RangeError(`marginaliseInput: the model imports ai.onnx opset ${opset}; the rewrite needs ≥ ${MIN_OPSET}: re-export the model with a newer opset`);

  const initializerNames = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (graph.input ?? []).filter((i) => !initializerNames.has(i.name));
  const fresh = nameAllocator(graph, 'md_');
  const initializers: OnnxTensor[] = [];
  const prefix: Emitter = { opset, fresh, nodes: [], initializers };
  const suffix: Emitter = { opset, fresh, nodes: [], initializers };

  const expanded = expandInputs(prefix, inputs, spec.sensitive, spec.values);
  let body = [...(graph.node ?? [])];
  for (const [from, to] of expanded.replacements) body = body.map((n) => ({ ...n, input: (n.input ?? []).map((x) => (x === from ? to : x)) }));

  // Every output that depends on an input is renamed to an inner K·N-row value; the original
  // name is then produced by the averaging nodes. Outputs independent of the inputs stay.
  const dependent = dependentValues(graph.node ?? [], inputs.map((i) => i.name));
  const entries: OutputPlanEntry[] = [];
  for (const output of graph.output ?? []) {
    if (inputs.some((i) => i.name === output.name)) throw new RangeError(`marginaliseInput: output "${output.name}" is a model input passed through; it cannot be made invariant`);
    if (!dependent.has(output.name)) continue;
    const inner = fresh(`${output.name}_per_value`);
    body = renameInNodes(body, output.name, inner);
    entries.push({ output, inner });
  }
  // A ZipMap's input gets its name back on the averaged probabilities, so a loader that cuts
  // the ZipMap out (loaders/model/zipMap.ts) exposes the same tensor name as for the original.
  const restoredNames = new Map<string, string>();
  for (const { inner } of entries) {
    const zipMap = body.find((n) => n.opType === 'ZipMap' && n.output?.[0] === inner);
    const source = zipMap?.input?.[0];
    if (!source || inputs.some((i) => i.name === source) || entries.some((e) => e.inner === source) || [...restoredNames.values()].includes(source)) continue;
    const renamed = fresh(`${source}_per_value`);
    body = renameInNodes(body, source, renamed);
    restoredNames.set(renamed, source);
  }
  const elemTypes = elementTypes(graph.valueInfo ?? [], entries);
  notes.push(...averageOutputs(suffix, { body, elemTypes, weights, rowCount: expanded.rowCount, restoredNames }, entries));

  const outputNames = (graph.output ?? []).map((o) => o.name);
  const nodes = pruneDeadNodes([...prefix.nodes, ...body, ...suffix.nodes], outputNames);
  const record = { sensitive: spec.sensitive, values: spec.values, weights };
  return {
    model: {
      ...model,
      graph: {
        ...graph,
        node: nodes,
        initializer: [...(graph.initializer ?? []), ...initializers],
        // Intermediate annotations describe N-row tensors that now hold K·N rows: drop them.
        valueInfo: [],
      },
      metadataProps: [...(model.metadataProps ?? []).filter((p) => p.key !== MARGINALISED_METADATA_KEY), { key: MARGINALISED_METADATA_KEY, value: JSON.stringify(record) }],
    },
    notes,
  };
}

function normalisedWeights(spec: MarginalSpec): number[] {
  const { values, weights } = spec;
  if (values.length === 0) throw new RangeError('marginaliseInput: no values to marginalise over');
  if (weights.length !== values.length) throw new RangeError(`marginaliseInput: ${values.length} values but ${weights.length} weights`);
  const bad = weights.findIndex((w) => !Number.isFinite(w) || w < 0);
  if (bad >= 0) throw new RangeError(`marginaliseInput: weight ${bad} is ${weights[bad]}; weights must be finite and ≥ 0`);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('marginaliseInput: the weights sum to 0');
  return weights.map((w) => w / total);
}

/** Element types of values the averaging may touch: inner outputs and annotated intermediates. */
function elementTypes(valueInfo: readonly OnnxValueInfo[], entries: readonly OutputPlanEntry[]): Map<string, number> {
  const types = new Map<string, number>();
  for (const v of valueInfo) {
    const t = v.type?.tensorType?.elemType;
    if (t !== undefined) types.set(v.name, t);
  }
  for (const e of entries) {
    const t = e.output.type?.tensorType?.elemType;
    if (t !== undefined) types.set(e.inner, t);
  }
  return types;
}
