/**
 * How a model's inputs and outputs map onto our feature matrix and prediction scores.
 * Decided once per model from its graph signature, validated with messages that say what
 * to change (e.g. the `features` list in modeldiag.json).
 */
import type { Task } from '../../results/report';
import { InputError } from '../data/loadError';
import type { IoDescription } from './modelSummary';

export type InputDtype = 'float32' | 'float64' | 'int64' | 'int32' | 'string';

export type InputPlan =
  | { readonly mode: 'matrix'; readonly name: string; readonly dtype: InputDtype; readonly width: number }
  | { readonly mode: 'columns'; readonly inputs: readonly { name: string; dtype: InputDtype; feature: number; rank: number }[] };

export type OutputPlan =
  /** A float [N, C] tensor of class probabilities (sklearn/xgboost converters; ZipMap input). */
  | { readonly kind: 'probabilities'; readonly output: string; readonly classes: number; readonly positive: number }
  /** Raw scores to turn into probabilities: softmax for C ≥ 2 columns, logistic for one column (torch exports). */
  | { readonly kind: 'logits'; readonly output: string; readonly classes: number; readonly positive: number; readonly space?: 'logit' }
  /** Only a label tensor: scores are one-hot labels (no ranking metrics possible). */
  | { readonly kind: 'labels'; readonly output: string; readonly classes: readonly string[]; readonly positive: number }
  /** Regression value, first column. */
  | { readonly kind: 'value'; readonly output: string };

const SUPPORTED: Record<string, InputDtype> = { float32: 'float32', float64: 'float64', int64: 'int64', int32: 'int32', string: 'string' };

/** Model feature names from the model itself: metadata `feature_names`, else per-column input names. */
export function featureNamesFromModel(inputs: readonly IoDescription[], metadata: Readonly<Record<string, string>>): string[] | undefined {
  const meta = metadata.feature_names;
  if (meta) {
    try {
      const parsed: unknown = JSON.parse(meta);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed as string[];
    } catch {
      const split = meta.split(',').map((s) => s.trim()).filter(Boolean);
      if (split.length) return split;
    }
  }
  if (inputs.length > 1 && inputs.every((i) => isColumnShape(i.shape))) return inputs.map((i) => i.name);
  return undefined;
}

function isColumnShape(shape: readonly (number | string)[]): boolean {
  return shape.length <= 1 || (shape.length === 2 && (shape[1] === 1 || typeof shape[1] === 'string'));
}

export function planInputs(modelPath: string, inputs: readonly IoDescription[], features: readonly string[]): InputPlan {
  for (const i of inputs) {
    if (!i.isTensor || !SUPPORTED[i.type]) {
      throw new InputError(modelPath, `input "${i.name}" has type ${i.type}; supported inputs are float32, float64, int32, int64 and string tensors`, undefined, undefined, 'model.load');
    }
  }
  if (inputs.length === 1 && inputs[0].shape.length === 2 && !(features.length === 1 && inputs[0].shape[1] === 1 && inputs[0].name === features[0])) {
    const width = inputs[0].shape[1];
    if (typeof width === 'number' && width !== features.length) {
      throw new InputError(
        modelPath,
        `input "${inputs[0].name}" takes ${width} features but ${features.length} are named (${features.slice(0, 6).join(', ')}${features.length > 6 ? ', …' : ''}); list exactly the model's features, in input order, in \`features\` of modeldiag.json`,
        undefined,
        undefined,
        'model.load',
      );
    }
    return { mode: 'matrix', name: inputs[0].name, dtype: SUPPORTED[inputs[0].type], width: features.length };
  }
  const byName = new Map(features.map((f, j) => [f, j]));
  const missing = inputs.filter((i) => !byName.has(i.name)).map((i) => i.name);
  if (missing.length) {
    throw new InputError(
      modelPath,
      `the model has one input per column, and input(s) ${missing.map((m) => `"${m}"`).join(', ')} match no feature; name the data columns like the inputs`,
      undefined,
      undefined,
      'model.load',
    );
  }
  return { mode: 'columns', inputs: inputs.map((i) => ({ name: i.name, dtype: SUPPORTED[i.type], feature: byName.get(i.name)!, rank: Math.max(1, i.shape.length) })) };
}

/** Infers the task from outputs and operators when the config does not say. */
export function inferTask(outputs: readonly IoDescription[], operators: readonly string[], metadata: Readonly<Record<string, string>>): Task {
  const meta = metadata.task?.toLowerCase();
  if (meta === 'regression') return 'regression';
  if (meta && /^(classif|binary|multiclass)/.test(meta)) return 'classification';
  if (operators.some((o) => /Classifier$|ZipMap$|Softmax$/.test(o))) return 'classification';
  if (outputs.some((o) => !o.isTensor || /prob/i.test(o.name) || o.type === 'string')) return 'classification';
  if (outputs.length === 2 && outputs.some((o) => o.type === 'int64')) return 'classification';
  return 'regression';
}

export function planOutputs(
  modelPath: string,
  outputs: readonly IoDescription[],
  task: Task,
  classes: readonly string[] | undefined,
  positiveClass: string | undefined,
  metadata: Readonly<Record<string, string>> = {},
): OutputPlan {
  const plan = chooseOutput(modelPath, outputs, task, classes, positiveClass, metadata);
  // onnxruntime-node's JavaScript API collects outputs in a plain object keyed by name, where
  // "__proto__" sets the prototype instead of a key: that output can never be fetched.
  if (plan.output === '__proto__') {
    throw new InputError(modelPath, 'the output named "__proto__" cannot be read through onnxruntime-node (outputs are keyed by name in a JavaScript object); rename it when exporting the model', undefined, undefined, 'model.load');
  }
  return plan;
}

function chooseOutput(
  modelPath: string,
  outputs: readonly IoDescription[],
  task: Task,
  classes: readonly string[] | undefined,
  positiveClass: string | undefined,
  metadata: Readonly<Record<string, string>>,
): OutputPlan {
  const floats = outputs.filter((o) => o.isTensor && (o.type === 'float32' || o.type === 'float64'));
  if (task === 'regression') {
    const out = floats[0];
    if (!out) throw new InputError(modelPath, 'a regression model needs a float output tensor', undefined, undefined, 'model.load');
    return { kind: 'value', output: out.name };
  }
  const probs = floats.find((o) => /prob/i.test(o.name)) ?? (floats.length === 1 && outputs.length === 2 ? floats[0] : undefined);
  const width = probs ? probs.shape[1] : undefined;
  const nClasses = typeof width === 'number' ? width : classes?.length ?? 2;
  const positive = positiveIndex(modelPath, classes, nClasses, positiveClass);
  if (probs) return { kind: 'probabilities', output: probs.name, classes: nClasses, positive };
  if (floats.length === 1) {
    const w = floats[0].shape[1];
    const c = typeof w === 'number' ? Math.max(2, w) : nClasses;
    // Converters that export raw scores say so in metadata (e.g. output_space "log-odds margin").
    const declaredLogit = /margin|logit|log-odds|raw/i.test(metadata.output_space ?? '');
    return { kind: 'logits', output: floats[0].name, classes: c, positive: positiveIndex(modelPath, classes, c, positiveClass), ...(declaredLogit ? { space: 'logit' as const } : {}) };
  }
  const label = outputs.find((o) => o.isTensor && (o.type === 'int64' || o.type === 'string' || o.type === 'int32'));
  if (label && classes) return { kind: 'labels', output: label.name, classes, positive };
  throw new InputError(
    modelPath,
    `cannot tell which output holds the class probabilities (outputs: ${outputs.map((o) => `${o.name}: ${o.type}`).join(', ')}); export the model with a probabilities output`,
    undefined,
    undefined,
    'model.load',
  );
}

function positiveIndex(modelPath: string, classes: readonly string[] | undefined, nClasses: number, positiveClass: string | undefined): number {
  if (positiveClass === undefined) return nClasses - 1 >= 1 ? 1 : 0;
  const idx = classes?.indexOf(String(positiveClass)) ?? -1;
  if (idx >= 0) return idx;
  const asIndex = Number(positiveClass);
  if (!classes && Number.isInteger(asIndex) && asIndex >= 0 && asIndex < nClasses) return asIndex;
  throw new InputError(modelPath, `positiveClass "${positiveClass}" is not one of the model's classes (${(classes ?? []).join(', ')})`, undefined, undefined, 'config.invalid');
}
