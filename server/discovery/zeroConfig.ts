import { basename, dirname } from 'node:path';
import { InputError } from '../loaders/data/loadError';
import { readInputFile } from '../loaders/fileAccess';
import { featureNamesFromModel } from '../loaders/model/ioPlan';
import { describeValue, metadataOf } from '../loaders/model/modelSummary';
import { decodeOnnx } from '../loaders/model/onnxProto';
import { looksLikeIdName, TARGET_NAMES, UNDECLARED, type ResolvedModel } from './resolvedModel';

type HeaderOf = (path: string) => Promise<string[] | InputError>;

const TRAIN_NAME = /train/i;
const TEST_NAME = /test|valid|holdout|eval/i;

/** Pairs a model without a config with the data files whose columns cover its features. */
export async function pairZeroConfig(
  root: string,
  modelPath: string,
  dataFiles: readonly string[],
  header: HeaderOf,
): Promise<{ model: ResolvedModel } | { reason: string }> {
  let features: string[] | undefined;
  let metadata: Record<string, string> = {};
  try {
    // Through the loaders' door: the size limit holds before a byte is read, and the open is audited.
    const onnx = decodeOnnx(await readInputFile(modelPath, 'model', 'model.load'));
    metadata = metadataOf(onnx);
    const inits = new Set((onnx.graph?.initializer ?? []).map((t) => t.name));
    features = featureNamesFromModel((onnx.graph?.input ?? []).filter((i) => !inits.has(i.name)).map(describeValue), metadata);
  } catch (e) {
    if (e instanceof InputError) return { reason: e.detail }; // over the size limit, gone, not a file
    return { reason: 'not a readable ONNX model (it is reported when analysed with a modeldiag.json entry)' };
  }
  if (!features) {
    return { reason: 'the model does not name its features (no metadata_props.feature_names, one [N,d] input): add an entry with "features" to modeldiag.json' };
  }
  const matches: { file: string; columns: string[] }[] = [];
  for (const file of dataFiles) {
    const h = await header(file);
    if (h instanceof InputError) continue;
    if (features.every((f) => h.includes(f))) matches.push({ file, columns: h });
  }
  const sameFolder = matches.filter((m) => dirname(m.file) === dirname(modelPath));
  const pool = sameFolder.length ? sameFolder : matches;
  if (!pool.length) return { reason: `no data file has all ${features.length} feature columns of the model (${features.slice(0, 4).join(', ')}…)` };
  // Shortest names first (train.csv before train_sample.csv); only files that hold a label.
  const labelled = pool
    .filter((m) => guessTarget(m.columns, features!, metadata) !== undefined)
    .sort((a, b) => basename(a.file).length - basename(b.file).length || a.file.localeCompare(b.file));
  if (!labelled.length) return { reason: `cannot tell the label column of ${basename(pool[0].file)}: add "target" in modeldiag.json` };
  const train = labelled.find((m) => TRAIN_NAME.test(basename(m.file)));
  const test = labelled.find((m) => m !== train && TEST_NAME.test(basename(m.file))) ?? (train ? undefined : labelled[0]);
  const columns = (test ?? train)!.columns;
  const target = guessTarget(columns, features, metadata);
  if (!target) {
    return { reason: `cannot tell the label column of ${basename((test ?? train)!.file)}: add "target" in modeldiag.json` };
  }
  return {
    model: {
      name: basename(modelPath).replace(/\.onnx$/i, ''),
      modelPath,
      train: train?.file,
      test: test?.file,
      target,
      features,
      ...UNDECLARED,
      origin: { kind: 'zero-config', reason: `columns of ${[train, test].filter(Boolean).map((m) => basename(m!.file)).join(' and ')} match the model's ${features.length} features; target "${target}"` },
    },
  };
}

export function guessTarget(columns: readonly string[], features: readonly string[], metadata: Readonly<Record<string, string>>): string | undefined {
  for (const key of ['target', 'label', 'label_column', 'target_column']) {
    const v = metadata[key];
    if (v && columns.includes(v)) return v;
  }
  const byName = columns.find((c) => TARGET_NAMES.includes(c.toLowerCase()) && !features.includes(c));
  if (byName) return byName;
  const rest = columns.filter((c) => !features.includes(c) && !looksLikeIdName(c));
  return rest.length === 1 ? rest[0] : undefined;
}
