import { access, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Node } from 'jsonc-parser';
import { InputError } from '../loaders/data/loadError';
import { readInputFile } from '../loaders/fileAccess';
import { inferTask } from '../loaders/model/ioPlan';
import { describeValue, metadataOf } from '../loaders/model/modelSummary';
import { decodeOnnx } from '../loaders/model/onnxProto';
import { issue, nodeAt, type ConfigIssue, type ModelConfig, type ParsedConfig } from './configFile';
import type { ResolvedModel } from './resolvedModel';
import { guessTarget } from './zeroConfig';

type HeaderOf = (path: string) => Promise<string[] | InputError>;

/**
 * Resolves the entries of one modeldiag.json against the file system: paths relative to
 * the config, files that exist, columns that exist in the data, and a task that matches
 * the model. Each problem is added to `issues` at the exact JSON range of the value.
 */
export async function resolveConfiguredModels(configFile: string, parsed: ParsedConfig, issues: ConfigIssue[], header: HeaderOf, workspaceRoot = dirname(configFile)): Promise<ResolvedModel[]> {
  // A config names files it did not write: never follow a path (or a symlink) out of the workspace.
  const rootReal = await realpath(workspaceRoot).catch(() => resolve(workspaceRoot));
  const outside = async (path: string): Promise<boolean> => {
    const real = await realpath(path).catch(() => resolve(path));
    const rel = relative(rootReal, real);
    return rel.startsWith('..') || isAbsolute(rel);
  };
  const base = dirname(configFile);
  const out: ResolvedModel[] = [];
  for (const m of parsed.models) {
    const at = (...path: (string | number)[]): Node | undefined => nodeAt(parsed, ['models', m.index, ...path]);
    const entry = at()!;
    const modelPath = resolve(base, m.model);
    let ok = true;
    if (await outside(modelPath)) {
      issues.push(issue(at('model') ?? entry, `model path "${m.model}" leads outside the workspace folder; only files inside it are analysed`));
      ok = false;
    } else if (!(await exists(modelPath))) {
      issues.push({ ...issue(at('model') ?? entry, `model file "${m.model}" not found (paths are relative to ${basename(configFile)})`), id: 'config.missing-file' });
      ok = false;
    }
    const split = typeof m.data === 'string' ? { test: m.data } : m.data ?? {};
    const dataPaths: { key: 'train' | 'test'; path: string; node: Node | undefined }[] = [];
    for (const key of ['train', 'test'] as const) {
      const rel = split[key];
      if (!rel) continue;
      const path = resolve(base, rel);
      const node = typeof m.data === 'string' ? at('data') : at('data', key);
      if (await outside(path)) {
        issues.push(issue(node ?? entry, `data path "${rel}" leads outside the workspace folder; only files inside it are analysed`));
        ok = false;
      } else if (!(await exists(path))) {
        issues.push({ ...issue(node ?? entry, `data file "${rel}" not found (paths are relative to ${basename(configFile)})`), id: 'config.missing-file' });
        ok = false;
      } else dataPaths.push({ key, path, node });
    }
    if (!m.data) {
      issues.push(issue(entry, 'this model has no "data": give a data file or {"train": …, "test": …}', 'warning'));
      ok = false;
    }
    let columns: string[] | undefined;
    for (const d of dataPaths) {
      const h = await header(d.path);
      if (h instanceof InputError) {
        issues.push(issue(d.node ?? entry, `cannot read "${basename(d.path)}": ${h.detail}${h.line ? ` (line ${h.line})` : ''}`));
        ok = false;
      } else columns = columns ? columns.filter((c) => h.includes(c)) : h;
    }
    let target = m.target;
    let metadata: Record<string, string> = {};
    if (ok) {
      const modelCheck = await checkModelTask(modelPath, m, at, entry, issues);
      metadata = modelCheck.metadata;
    }
    if (columns) {
      checkColumns(columns, m, at, issues);
      if (!target) {
        target = guessTarget(columns, m.features ?? [], metadata);
        if (!target) {
          issues.push(issue(entry, 'cannot guess the label column: add "target"'));
          ok = false;
        }
      }
      if (m.target && !columns.includes(m.target)) ok = false;
      if ((m.features ?? []).some((f) => !columns!.includes(f))) ok = false;
    }
    if (!ok) continue;
    out.push({
      name: m.name ?? basename(m.model).replace(/\.onnx$/i, ''),
      modelPath,
      train: dataPaths.find((d) => d.key === 'train')?.path,
      test: dataPaths.find((d) => d.key === 'test')?.path,
      target,
      task: m.task,
      positiveClass: m.positiveClass,
      features: m.features,
      categorical: m.categorical ?? [],
      oneHot: m.oneHot ?? {},
      sensitive: m.sensitive ?? [],
      expect: m.expect ?? {},
      time: m.time,
      ignore: m.ignore ?? [],
      savedSlices: m.slices ?? [],
      origin: { kind: 'config', file: configFile, index: m.index },
    });
  }
  return out;
}

function checkColumns(columns: readonly string[], m: ModelConfig, at: (...p: (string | number)[]) => Node | undefined, issues: ConfigIssue[]): void {
  const unknown = (node: Node | undefined, name: string, role: string): void => {
    if (!node) return;
    const close = columns.filter((c) => editDistance(c.toLowerCase(), name.toLowerCase()) <= Math.max(1, Math.floor(name.length / 4)));
    issues.push({
      ...issue(node, `${role} "${name}" is not a column of the data${close.length ? ` (did you mean ${close.slice(0, 3).map((c) => `"${c}"`).join(', ')}?)` : ''}`),
      id: 'config.unknown-column',
    });
  };
  if (m.target && !columns.includes(m.target)) unknown(at('target'), m.target, 'target');
  if (m.time && !columns.includes(m.time)) unknown(at('time'), m.time, 'time column');
  for (const key of ['features', 'categorical'] as const) {
    (m[key] ?? []).forEach((c, i) => {
      if (!columns.includes(c)) unknown(at(key, i), c, key === 'features' ? 'feature' : 'categorical column');
    });
  }
  // Sensitive attributes may be absent from the model inputs, but must exist in the data.
  (m.sensitive ?? []).forEach((c, i) => {
    if (!columns.includes(c)) unknown(at('sensitive', i), c, 'sensitive attribute');
  });
  for (const key of Object.keys(m.expect ?? {})) {
    if (!columns.includes(key)) unknown(at('expect', key)?.parent?.children?.[0], key, 'expected-direction feature');
  }
}

async function checkModelTask(
  modelPath: string,
  m: ModelConfig,
  at: (...p: (string | number)[]) => Node | undefined,
  entry: Node,
  issues: ConfigIssue[],
): Promise<{ metadata: Record<string, string> }> {
  try {
    // Through the loaders' door (size limit, audited open); a refusal is reported when the model is analysed.
    const onnx = decodeOnnx(await readInputFile(modelPath, 'model', 'model.load'));
    const metadata = metadataOf(onnx);
    const outputs = (onnx.graph?.output ?? []).map(describeValue);
    const ops = (onnx.graph?.node ?? []).map((n) => n.opType);
    const modelTask = inferTask(outputs, ops, metadata);
    const hasProbabilities = outputs.some((o) => /prob/i.test(o.name) || !o.isTensor);
    if (m.task && m.task !== modelTask && (m.task === 'regression' ? hasProbabilities : false)) {
      issues.push({ ...issue(at('task') ?? entry, `the model is a classifier (outputs ${outputs.map((o) => o.name).join(', ')}), not a ${m.task} model: set "task": "${modelTask}"`), id: 'config.task' });
    }
    return { metadata };
  } catch {
    // The model's own load error is reported when it is analysed (model.load, with the reason).
    return { metadata: {} };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Levenshtein distance, for "did you mean" suggestions. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
