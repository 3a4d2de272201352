/**
 * Builds the gradient graph of an ONNX model by reverse-mode accumulation over its nodes
 * (Griewank & Walther, "Evaluating Derivatives", 2008, ch. 3): the forward nodes that compute
 * the selected output are kept, and for each node on a path from the input to that output,
 * in reverse topological order, its derivative rule (rules/) turns the gradient of its output
 * into gradients of its inputs; contributions to a value from several consumers are summed.
 * The new model outputs the selected scalar per row [N], its gradient with respect to the
 * input [N, d] and, optionally, the sign pattern of every ReLU pre-activation [N, K]
 * (where the gradient jumps, so Integrated Gradients can split its path there).
 * Side branches that do not lead to the selected output (ArgMax → label) are dropped.
 */
import type { OnnxModel, OnnxNode, OnnxValueInfo } from '../../loaders/model/onnxProto';
import { OnnxDataType } from '../../loaders/model/onnxProto';
import { defaultOpset, intAttribute, nameAllocator, tensorValueInfo } from '../graph/onnxBuild';
import { nodeToDouble, tensorToDouble } from './doublePrecision';
import { GradientEmitter } from './gradientEmitter';
import type { Shape } from './gradientTypes';
import { GradientUnsupportedError, shapeText, unsupported } from './gradientTypes';
import { graphConstants } from './graphConstants';
import type { OutputSelector } from './outputSelector';
import { resolveTarget } from './outputSelector';
import { GRADIENT_RULES, KINK_OPS, NO_GRADIENT_OPS } from './rules/ruleTable';
import { inferShapes } from './shapeInference';

export interface GradientGraphOptions {
  /** Element type of the gradient graph; default float64 (see doublePrecision.ts). */
  readonly precision?: 'float32' | 'float64';
  /** Also output the ReLU/LeakyReLU sign pattern; default true. */
  readonly kinks?: boolean;
}

export interface GradientGraph {
  readonly model: OnnxModel;
  readonly inputName: string;
  readonly featureCount: number;
  readonly precision: 'float32' | 'float64';
  readonly valueOutput: string;
  readonly gradientOutput: string;
  /** Name of the [N, kinkCount] 0/1 sign-pattern output, absent when the path has no kinks. */
  readonly kinkOutput?: string;
  readonly kinkCount: number;
  /** What is differentiated, e.g. `z2[:, 0] (logit before Sigmoid of probabilities[:, 1])`. */
  readonly target: string;
  /** Operators differentiated (one entry per operator type). */
  readonly operators: readonly string[];
}

export type GradientGraphResult =
  | { readonly ok: true; readonly graph: GradientGraph }
  | { readonly ok: false; readonly reason: string; readonly operator?: string };

export function buildGradientGraph(model: OnnxModel, inputName: string, selector: OutputSelector, options: GradientGraphOptions = {}): GradientGraphResult {
  try {
    return { ok: true, graph: build(model, inputName, selector, options) };
  } catch (e) {
    if (e instanceof GradientUnsupportedError) return { ok: false, reason: e.reason, ...(e.operator ? { operator: e.operator } : {}) };
    throw e;
  }
}

function opName(n: OnnxNode): string {
  return (n.domain ?? '') === '' ? n.opType : `${n.domain}.${n.opType}`;
}

function build(model: OnnxModel, inputName: string, selector: OutputSelector, options: GradientGraphOptions): GradientGraph {
  const graph = model.graph;
  if (!graph) unsupported('the model has no graph');
  const nodes = graph.node ?? [];
  const input = (graph.input ?? []).find((i) => i.name === inputName);
  const inputType = input?.type?.tensorType;
  if (!input || !inputType) unsupported(`the model has no tensor input "${inputName}"`);
  if (inputType.elemType !== OnnxDataType.FLOAT && inputType.elemType !== OnnxDataType.DOUBLE) {
    unsupported(`input "${inputName}" has element type ${inputType.elemType}; gradients need a float or double [N, d] input`);
  }
  const dims = inputType.shape?.dim ?? [];
  const d = dims[1]?.dimValue;
  if (dims.length !== 2 || d === undefined) unsupported(`input "${inputName}" must have shape [N, d] with a fixed d`);
  const batch = dims[0]?.dimValue ?? dims[0]?.dimParam ?? 'N';
  const inputShape: Shape = [batch, d];

  const producers = new Map<string, OnnxNode>();
  const available = new Set<string>([...(graph.input ?? []).map((i) => i.name), ...(graph.initializer ?? []).map((t) => t.name ?? ''), '']);
  for (const n of nodes) {
    for (const x of n.input ?? []) {
      if (!available.has(x)) unsupported(`node "${n.name ?? n.opType}" reads "${x}" before it is computed: the graph is not topologically sorted`);
    }
    for (const y of n.output ?? []) {
      producers.set(y, n);
      available.add(y);
    }
  }
  const constants = graphConstants(graph);
  const shapes = inferShapes(graph, inputName, inputShape, constants);
  const target = resolveTarget(producers, shapes, selector);

  // Values that depend differentiably on the input.
  const active = new Set<string>([inputName]);
  for (const n of nodes) {
    if ((n.domain ?? '') === '' && NO_GRADIENT_OPS.has(n.opType)) continue;
    if ((n.input ?? []).some((x) => active.has(x))) for (const y of n.output ?? []) active.add(y);
  }
  if (!active.has(target.tensor)) unsupported(`${target.description} does not depend on input "${inputName}" through differentiable operators`);
  // Nodes needed to compute the target, and the values on input → target paths.
  const ancestors = new Set<string>([target.tensor]);
  const kept: OnnxNode[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (!(n.output ?? []).some((y) => ancestors.has(y))) continue;
    kept.unshift(n);
    for (const x of n.input ?? []) if (x) ancestors.add(x);
  }
  const onPath = (name: string): boolean => active.has(name) && ancestors.has(name);
  const pathNodes = kept.filter((n) => (n.output ?? []).some(onPath) && (n.input ?? []).some(onPath));
  const missing = pathNodes.filter((n) => (n.domain ?? '') !== '' || !GRADIENT_RULES[n.opType]);
  if (missing.length) {
    const ops = [...new Set(missing.map(opName))];
    unsupported(
      `no gradient rule for ${ops.join(', ')} (node "${missing[0].name ?? missing[0].opType}"${missing.length > 1 ? ` and ${missing.length - 1} more` : ''}) on the path from "${inputName}" to ${target.description}: use finite differences, or KernelSHAP when the model is piecewise constant`,
      ops[0],
    );
  }

  const precision = options.precision ?? 'float64';
  const elemType = precision === 'float64' ? OnnxDataType.DOUBLE : OnnxDataType.FLOAT;
  const fresh = nameAllocator(graph, 'md_');
  const emit = new GradientEmitter(fresh, defaultOpset(model), elemType);
  const shapeOf = (name: string): Shape => {
    const s = shapes.get(name);
    if (!s) unsupported(`the shape of "${name}" is unknown (its producer has no shape rule)`);
    return s;
  };

  // Selected scalar and the seed of the backward pass (a one-hot row over the columns).
  const valueOutput = fresh('value');
  const grads = new Map<string, string[]>();
  const addGrad = (name: string, g: string): void => void (grads.get(name) ?? grads.set(name, []).get(name)!).push(g);
  if (target.shape.length === 1) {
    emit.nodes.push({ opType: 'Identity', input: [target.tensor], output: [valueOutput], name: fresh('n_value') });
    addGrad(target.tensor, emit.op('Expand', [emit.scalar(1), emit.shapeOf(target.tensor)], [], 'seed'));
  } else {
    const width = target.shape[1] as number;
    const column = emit.intConst('column', [target.column], []);
    emit.nodes.push({ opType: 'Gather', input: [target.tensor, column], output: [valueOutput], attribute: [intAttribute('axis', 1)], name: fresh('n_value') });
    const oneHot = emit.floatConst('seed', [1, width], Array.from({ length: width }, (_, k) => (k === target.column ? 1 : 0)));
    addGrad(target.tensor, emit.op('Expand', [oneHot, emit.shapeOf(target.tensor)], [], 'seed'));
  }

  for (let i = pathNodes.length - 1; i >= 0; i--) {
    const n = pathNodes[i];
    const outs = n.output ?? [];
    if (outs.slice(1).some((y) => grads.has(y))) unsupported(`${n.opType} node "${n.name ?? ''}": only its first output can carry a gradient`, n.opType);
    const contributions = grads.get(outs[0]);
    if (!contributions) continue;
    const results = GRADIENT_RULES[n.opType]({
      node: n,
      grad: emit.sum(contributions),
      wants: (k) => onPath(n.input?.[k] ?? ''),
      shape: shapeOf,
      constant: (name) => constants.get(name),
      constants,
      emit,
    });
    results.forEach((g, k) => {
      const x = n.input?.[k];
      if (g && x && onPath(x)) addGrad(x, g);
    });
  }
  const inputGrads = grads.get(inputName);
  if (!inputGrads) unsupported(`no gradient reached "${inputName}"`);
  const gradientOutput = fresh('gradient');
  emit.nodes.push({ opType: 'Identity', input: [emit.sum(inputGrads)], output: [gradientOutput], name: fresh('n_gradient') });

  const kinkNodes = options.kinks === false ? [] : pathNodes.filter((n) => KINK_OPS.has(n.opType));
  const { kinkOutput, kinkCount } = emitKinks(emit, fresh, kinkNodes, shapeOf);

  const usedNames = new Set([...kept, ...emit.nodes].flatMap((n) => n.input ?? []));
  const initializers = (graph.initializer ?? []).filter((t) => t.name && usedNames.has(t.name));
  const toDouble = precision === 'float64';
  const outputs: OnnxValueInfo[] = [tensorValueInfo(valueOutput, elemType, [batch]), tensorValueInfo(gradientOutput, elemType, [batch, d])];
  if (kinkOutput) outputs.push(tensorValueInfo(kinkOutput, elemType, [batch, kinkCount]));
  const out: OnnxModel = {
    ...model,
    graph: {
      name: `${graph.name ?? 'model'}_gradient`,
      node: [...(toDouble ? kept.map(nodeToDouble) : kept), ...emit.nodes],
      initializer: [...(toDouble ? initializers.map(tensorToDouble) : initializers), ...emit.initializers],
      input: [tensorValueInfo(inputName, elemType, inputShape)],
      output: outputs,
    },
  };
  return {
    model: out,
    inputName,
    featureCount: d,
    precision,
    valueOutput,
    gradientOutput,
    ...(kinkOutput ? { kinkOutput } : {}),
    kinkCount,
    target: target.description,
    operators: [...new Set(pathNodes.map(opName))],
  };
}

/** Concatenates 1[x > 0] of every kink node's input, flattened per row, into one [N, K] output. */
function emitKinks(emit: GradientEmitter, fresh: (b: string) => string, kinkNodes: readonly OnnxNode[], shapeOf: (n: string) => Shape): { kinkOutput?: string; kinkCount: number } {
  const parts: string[] = [];
  let count = 0;
  for (const n of kinkNodes) {
    const x = n.input?.[0] ?? '';
    const s = shapeOf(x);
    const width = s.slice(1).reduce<number | undefined>((a, b) => (a !== undefined && typeof b === 'number' ? a * b : undefined), 1);
    if (width === undefined) unsupported(`kink pattern: "${x}" has shape ${shapeText(s)} with a symbolic non-batch dimension`);
    const sign = emit.op('Cast', [emit.op('Greater', [x, emit.scalar(0)])], [intAttribute('to', emit.elemType)], 'kink');
    parts.push(emit.op('Flatten', [sign], [intAttribute('axis', 1)], 'kink'));
    count += width;
  }
  if (!parts.length) return { kinkCount: 0 };
  const kinkOutput = fresh('kinks');
  emit.nodes.push(
    parts.length === 1
      ? { opType: 'Identity', input: parts, output: [kinkOutput], name: fresh('n_kinks') }
      : { opType: 'Concat', input: parts, output: [kinkOutput], attribute: [intAttribute('axis', 1)], name: fresh('n_kinks') },
  );
  return { kinkOutput, kinkCount: count };
}
