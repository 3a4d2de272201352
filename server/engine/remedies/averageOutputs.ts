/**
 * Output side of the marginalising rewrite: the body now yields K·N rows per output (block
 * k = sensitive value v_k). Float outputs become Σ_k w_k · block_k; class labels are
 * recomputed from the averaged probabilities (the label of an average is not the average
 * of labels); a ZipMap is re-applied to averaged probabilities so the output keeps its type.
 */
import type { OnnxNode, OnnxValueInfo } from '../../loaders/model/onnxProto';
import { attribute, attributeStrings, OnnxDataType } from '../../loaders/model/onnxProto';
import { intAttribute, node } from '../graph/onnxBuild';
import { dependentValues, producerOf } from './graphValues';
import { emit, int64Const, reduceSum, sliceAxis0, TO_END, type Emitter } from './opsetNodes';
import { AVERAGEABLE_TYPES, typedTensor } from './typedConstants';

export interface OutputContext {
  /** The body's nodes after renaming graph outputs to their inner (K·N-row) names. */
  readonly body: readonly OnnxNode[];
  /** Declared element types of values, where known (graph outputs, value infos). */
  readonly elemTypes: ReadonlyMap<string, number>;
  readonly weights: readonly number[];
  /** int64 [1] tensor holding N. */
  readonly rowCount: string;
  /** Body values renamed to free their original name for the averaged version (ZipMap inputs). */
  readonly restoredNames: ReadonlyMap<string, string>;
}

export interface OutputPlanEntry {
  readonly output: OnnxValueInfo;
  /** Name of the body's K·N-row version of this output. */
  readonly inner: string;
}

/** Emits the nodes that compute every graph output from the K·N-row body; returns notes for the user. */
export function averageOutputs(e: Emitter, ctx: OutputContext, outputs: readonly OutputPlanEntry[]): string[] {
  const notes: string[] = [];
  const averaged = new Map<string, string>();
  const average = (value: string, outName?: string): string => {
    // outName, when given, must be produced even if the value was averaged before.
    const done = averaged.get(value);
    if (done !== undefined) return outName ? emitNamed(e, 'Identity', [done], outName) : done;
    const result = weightedSum(e, ctx, value, outName);
    averaged.set(value, result);
    return result;
  };
  const labelOutputs: OutputPlanEntry[] = [];
  // Floats first, so a label's ArgMax reuses the averaged probabilities already named as an output.
  for (const entry of outputs) {
    const zipMap = producerOf(ctx.body, entry.inner);
    if (zipMap?.opType === 'ZipMap') {
      const source = zipMap.input?.[0] ?? '';
      const probs = average(source, ctx.restoredNames.get(source));
      e.nodes.push(node('ZipMap', [probs], [entry.output.name], zipMap.attribute ?? [], e.fresh('ZipMap_node'), zipMap.domain));
      notes.push(`ZipMap output "${entry.output.name}" re-applied to the averaged probabilities`);
      continue;
    }
    const type = entry.output.type?.tensorType?.elemType;
    if (type !== undefined && AVERAGEABLE_TYPES.has(type)) average(entry.inner, entry.output.name);
    else if (type === OnnxDataType.INT64 || type === OnnxDataType.INT32 || type === OnnxDataType.STRING) labelOutputs.push(entry);
    else throw new TypeError(`marginaliseInput: output "${entry.output.name}" has element type ${type ?? 'unknown'}; only float/double outputs can be averaged and int64/int32/string outputs recomputed as labels`);
  }
  for (const entry of labelOutputs) notes.push(recomputeLabel(e, ctx, entry, outputs, average));
  return notes;
}

/** Σ_k w_k · value[k·N:(k+1)·N, …] reshaped to the caller's [N, …]. */
function weightedSum(e: Emitter, ctx: OutputContext, value: string, outName?: string): string {
  const k = ctx.weights.length;
  const type = ctx.elemTypes.get(value) ?? OnnxDataType.FLOAT;
  if (!AVERAGEABLE_TYPES.has(type)) throw new TypeError(`marginaliseInput: cannot average "${value}" of element type ${type}`);
  const w = e.fresh('block_weights');
  e.initializers.push(typedTensor(w, type, [k, 1], ctx.weights));
  const blocks = emit(e, 'Reshape', [value, int64Const(e, 'k_by_rest', [k, -1])], `${value}_blocks`);
  const summed = reduceSum(e, emit(e, 'Mul', [blocks, w], `${value}_weighted`), [0], 0, `${value}_sum`);
  const trailing = sliceAxis0(e, emit(e, 'Shape', [value], `${value}_shape`), 1, TO_END, `${value}_trailing`);
  const shape = emit(e, 'Concat', [ctx.rowCount, trailing], `${value}_out_shape`, [intAttribute('axis', 0)]);
  return outName ? emitNamed(e, 'Reshape', [summed, shape], outName) : emit(e, 'Reshape', [summed, shape], `${value}_avg`);
}

function emitNamed(e: Emitter, op: string, inputs: readonly string[], out: string): string {
  e.nodes.push(node(op, inputs, [out], [], e.fresh(`${op}_node`)));
  return out;
}

/**
 * A label output: ArgMax over averaged probabilities. Labels from an ArgMax node (these
 * exports) re-run that ArgMax with its own attributes; labels from an ai.onnx.ml classifier
 * map the winning column through the node's class labels with a Gather.
 */
function recomputeLabel(e: Emitter, ctx: OutputContext, entry: OutputPlanEntry, outputs: readonly OutputPlanEntry[], average: (v: string) => string): string {
  const name = entry.output.name;
  const producer = producerOf(ctx.body, entry.inner);
  if (producer?.opType === 'ArgMax' && !producer.domain) {
    const source = producer.input?.[0] ?? '';
    e.nodes.push(node('ArgMax', [average(source)], [name], producer.attribute ?? [], e.fresh('ArgMax_node')));
    const shown = outputs.find((o) => o.inner === source)?.output.name ?? source;
    return `label "${name}" recomputed as ArgMax of the averaged "${shown}"`;
  }
  if (producer && producer.domain === 'ai.onnx.ml' && /Classifier$/.test(producer.opType) && producer.output?.[0] === entry.inner) {
    const scores = probabilitySource(ctx, producer, outputs);
    const labels = classLabelsConst(e, producer, entry.output.type?.tensorType?.elemType);
    const winner = emit(e, 'ArgMax', [average(scores)], 'winning_class', [intAttribute('axis', 1), intAttribute('keepdims', 0)]);
    e.nodes.push(node('Gather', [labels, winner], [name], [intAttribute('axis', 0)], e.fresh('Gather_node')));
    return `label "${name}" recomputed as the class label of the largest averaged probability (${producer.opType}'s own label rule is not reused)`;
  }
  throw new TypeError(
    `marginaliseInput: cannot recompute label output "${name}" (made by ${producer ? producer.opType : 'no node'}); supported are labels from ArgMax or an ai.onnx.ml classifier`,
  );
}

/**
 * The probabilities a classifier's label should follow: the probability graph output computed
 * from the node's scores (e.g. after a Normalizer, or the input of a ZipMap), else its scores.
 */
function probabilitySource(ctx: OutputContext, classifier: OnnxNode, outputs: readonly OutputPlanEntry[]): string {
  const scores = classifier.output?.[1];
  if (!scores) throw new TypeError(`marginaliseInput: ${classifier.opType} has no scores output to recompute its label from`);
  const fromScores = dependentValues(ctx.body, [scores]);
  const candidates = outputs
    .map((o) => {
      const p = producerOf(ctx.body, o.inner);
      const inner = p?.opType === 'ZipMap' ? (p.input?.[0] ?? '') : o.inner;
      const type = p?.opType === 'ZipMap' ? OnnxDataType.FLOAT : o.output.type?.tensorType?.elemType;
      return { name: o.output.name, inner, float: type !== undefined && AVERAGEABLE_TYPES.has(type) };
    })
    .filter((c) => c.float && fromScores.has(c.inner));
  return (candidates.find((c) => /prob/i.test(c.name)) ?? candidates[0])?.inner ?? scores;
}

function classLabelsConst(e: Emitter, classifier: OnnxNode, outputType: number | undefined): string {
  const strings = attributeStrings(classifier, 'classlabels_strings');
  const ints = attribute(classifier, 'classlabels_int64s')?.ints ?? attribute(classifier, 'classlabels_ints')?.ints;
  const labels: (number | string)[] | undefined = strings?.length ? strings : ints?.length ? ints : undefined;
  if (!labels) throw new TypeError(`marginaliseInput: ${classifier.opType} names no class labels (classlabels_int64s or classlabels_strings)`);
  const type = strings?.length ? OnnxDataType.STRING : OnnxDataType.INT64;
  if (outputType !== undefined && outputType !== type) throw new TypeError(`marginaliseInput: the label output has element type ${outputType} but the class labels are of type ${type}`);
  const name = e.fresh('class_labels');
  e.initializers.push(typedTensor(name, type, [labels.length], labels));
  return name;
}
