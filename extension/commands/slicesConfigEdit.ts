/**
 * The text edits that save a slice as a regression test in modeldiag.json, computed with
 * jsonc-parser's `modify` so comments and formatting stay. Pure (no `vscode`): the command
 * turns the edits into a WorkspaceEdit.
 */
import { applyEdits, findNodeAtLocation, getNodeValue, modify, parseTree, type Edit, type FormattingOptions, type Node } from 'jsonc-parser';
import * as path from 'node:path';

export interface SavedSliceEntry {
  readonly name: string;
  readonly predicates: readonly { readonly feature: string; readonly op: string; readonly value: unknown }[];
  readonly metric: string;
  readonly maxValue: number;
}

/** The model as the report names it (paths relative to the analysed folder `root`). */
export interface ModelRef {
  readonly root: string;
  readonly name: string;
  readonly model: string;
  readonly data: { readonly train?: string; readonly test?: string };
  readonly target: string;
}

export const NEW_CONFIG_TEXT = '{\n  "models": []\n}\n';

/**
 * The index of the model's entry in a config's `models`, matched by model path (relative to
 * the config's folder) and by name when the entry has one; -1 when there is none.
 */
export function findModelEntry(configFile: string, text: string, model: ModelRef): number {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const models = tree && findNodeAtLocation(tree, ['models']);
  if (!models || models.type !== 'array') return -1;
  const wanted = path.resolve(model.root, model.model);
  return (models.children ?? []).findIndex((entry: Node) => {
    const v = entry.type === 'object' ? (getNodeValue(entry) as { model?: unknown; name?: unknown }) : {};
    if (typeof v.model !== 'string' || path.resolve(path.dirname(configFile), v.model) !== wanted) return false;
    const name = typeof v.name === 'string' ? v.name : path.basename(v.model).replace(/\.onnx$/i, '');
    return name === model.name;
  });
}

/**
 * Edits that append `slice` to the model's `slices` in `text` (the config at `configFile`);
 * when the config has no entry for the model (zero-config pairing), they add one that pins
 * the pairing the analysis used (model, data, target) with the slice.
 */
export function addSavedSliceEdits(configFile: string, text: string, model: ModelRef, slice: SavedSliceEntry, formatting: FormattingOptions): Edit[] {
  const options = { formattingOptions: formatting };
  const index = findModelEntry(configFile, text, model);
  if (index >= 0) {
    const tree = parseTree(text, [], { allowTrailingComma: true })!;
    const slices = findNodeAtLocation(tree, ['models', index, 'slices']);
    if (slices?.type === 'array') return modify(text, ['models', index, 'slices', -1], slice, { ...options, isArrayInsertion: true });
    return modify(text, ['models', index, 'slices'], [slice], options);
  }
  const rel = (p: string | undefined) => (p ? path.relative(path.dirname(configFile), path.resolve(model.root, p)).split(path.sep).join('/') : undefined);
  const train = rel(model.data.train);
  const test = rel(model.data.test);
  const entry = {
    name: model.name,
    model: rel(model.model),
    ...(train || test ? { data: train && test ? { train, test } : (test ?? train) } : {}),
    target: model.target,
    slices: [slice],
  };
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const models = tree && findNodeAtLocation(tree, ['models']);
  if (models?.type === 'array') return modify(text, ['models', -1], entry, { ...options, isArrayInsertion: true });
  return modify(text, ['models'], [entry], options);
}

/** Convenience for tests and previews. */
export function applySliceEdits(text: string, edits: Edit[]): string {
  return applyEdits(text, edits);
}

/**
 * The maximum a saved slice allows: the upper end of the slice's interval when there is one
 * (today's value plus its sampling noise), else 10% above today's value; rounded up to 4
 * significant digits so the config stays readable.
 */
export function sliceMaxValue(value: number, ci: readonly [number, number] | undefined): number {
  const upper = ci && Number.isFinite(ci[1]) && ci[1] >= value ? ci[1] : value * 1.1;
  if (upper === 0) return 0;
  const scale = 10 ** (Math.floor(Math.log10(Math.abs(upper))) - 3);
  return Math.ceil(upper / scale) * scale === 0 ? upper : Number((Math.ceil(upper / scale) * scale).toPrecision(4));
}
