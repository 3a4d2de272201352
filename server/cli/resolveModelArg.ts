import { basename, dirname, relative, resolve } from 'node:path';
import { discoverWorkspace } from '../discovery/discoverWorkspace';
import { UNDECLARED, type ResolvedModel } from '../discovery/resolvedModel';
import { guessTarget } from '../discovery/zeroConfig';
import { InputError } from '../loaders/data/loadError';
import { readHeader } from '../loaders/data/readHeader';
import { featureNamesFromModel } from '../loaders/model/ioPlan';
import { loadOnnxModel } from '../loaders/model/onnxModel';
import { UsageError } from './args';

/** A model named in the folder's discovery, or an explicit model file (+ data file) pair. */
export async function resolveModelArg(args: { folder: string; model: string; data?: string }): Promise<ResolvedModel> {
  const modelArg = args.model;
  if (/\.onnx$/i.test(modelArg)) {
    const modelPath = resolve(modelArg);
    const dataPath = args.data ? resolve(args.data) : undefined;
    if (!dataPath) {
      const d = await discoverWorkspace(dirname(modelPath));
      const found = d.models.find((m) => m.modelPath === modelPath);
      if (found) return found;
      throw new UsageError(`no data paired with ${basename(modelPath)}: pass --data FILE`);
    }
    const file = await loadOnnxModel(modelPath, { intraOpThreads: 1 });
    const header = await readHeader(dataPath);
    await file.session.release();
    const features = featureNamesFromModel(file.summary.inputs, file.summary.metadata) ?? header.slice(0, inputWidth(file.summary.inputs));
    const missing = features.filter((f) => !header.includes(f));
    if (missing.length) throw new InputError(dataPath, `the data has no column(s) ${missing.map((m) => `"${m}"`).join(', ')} that the model takes`, 1, undefined, 'data.load');
    return {
      name: basename(modelPath).replace(/\.onnx$/i, ''),
      modelPath,
      test: dataPath,
      target: guessTarget(header, features, file.summary.metadata),
      features,
      ...UNDECLARED,
      origin: { kind: 'zero-config', reason: 'explain --model FILE --data FILE' },
    };
  }
  const d = await discoverWorkspace(args.folder);
  const found = d.models.find((m) => m.name === modelArg || relative(d.root, m.modelPath) === modelArg);
  if (!found) throw new UsageError(`no model named "${modelArg}" in ${d.root}; models: ${d.models.map((m) => m.name).join(', ') || 'none'}`);
  return args.data ? { ...found, test: resolve(args.data) } : found;
}

function inputWidth(inputs: readonly { shape: readonly (number | string)[] }[]): number {
  const w = inputs[0]?.shape[1];
  return typeof w === 'number' ? w : 0;
}
