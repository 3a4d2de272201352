/**
 * modeldiag.json: parsed with jsonc-parser so every problem keeps the exact range of the
 * JSON node it is about (the language server turns those ranges into diagnostics; the CLI
 * prints line:column). Structural checks mirror schemas/modeldiag.schema.json; checks that
 * need the file system (missing file, unknown column) happen in resolveConfig.ts.
 */
import { findNodeAtLocation, getNodeValue, parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { FindingId } from '../results/findingIds';

export const CONFIG_FILE_NAME = 'modeldiag.json';

export type Direction = 'increasing' | 'decreasing';

export interface IgnoreRule {
  readonly id: string;
  readonly feature?: string;
  readonly reason: string;
}

export interface SavedSlice {
  readonly name?: string;
  readonly predicates: readonly { feature: string; op: string; value: unknown }[];
  readonly metric?: string;
  readonly maxValue?: number;
}

export interface ModelConfig {
  readonly index: number;
  readonly name?: string;
  readonly model: string;
  readonly data?: string | { readonly train?: string; readonly test?: string };
  readonly target?: string;
  readonly task?: 'classification' | 'regression';
  readonly positiveClass?: string;
  readonly features?: readonly string[];
  readonly categorical?: readonly string[];
  readonly oneHot?: Readonly<Record<string, readonly string[]>>;
  readonly sensitive?: readonly string[];
  readonly expect?: Readonly<Record<string, Direction>>;
  readonly time?: string;
  readonly ignore?: readonly IgnoreRule[];
  readonly slices?: readonly SavedSlice[];
}

export interface AnalysisSettings {
  readonly seed: number;
  readonly maxRows: number;
  readonly attribution: string;
  readonly slices: { alpha: number; minSupport: number; maxLevel: number; topK: number; bins: number };
}

export const DEFAULT_ANALYSIS: AnalysisSettings = {
  seed: 0,
  maxRows: 20000,
  attribution: 'auto',
  slices: { alpha: 0.95, minSupport: 0.01, maxLevel: 3, topK: 10, bins: 5 },
};

/** A problem in the config with its exact JSON range (0-based offsets into the text). */
export interface ConfigIssue {
  readonly id: Extract<FindingId, `config.${string}`>;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  readonly severity: 'error' | 'warning';
}

export interface ParsedConfig {
  readonly models: readonly ModelConfig[];
  readonly analysis: AnalysisSettings;
  readonly issues: ConfigIssue[];
  /** The JSON tree, for locating values when later checks find problems. */
  readonly root: Node | undefined;
}

const MODEL_KEYS = new Set(['name', 'model', 'data', 'target', 'task', 'positiveClass', 'features', 'categorical', 'oneHot', 'sensitive', 'expect', 'time', 'ignore', 'slices']);

export function parseConfig(text: string): ParsedConfig {
  const errors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // jsonc-parser recurses per nesting level: a hostile file nested 10^5 deep overflows the stack.
    if (!(e instanceof RangeError)) throw e;
    const tooDeep: ConfigIssue = { id: 'config.invalid', message: 'the JSON is nested too deeply to read; a modeldiag.json needs only a few levels', offset: 0, length: 1, severity: 'error' };
    return { models: [], analysis: DEFAULT_ANALYSIS, issues: [tooDeep], root: undefined };
  }
  const issues: ConfigIssue[] = errors.map((e) => ({
    id: 'config.invalid',
    message: `JSON syntax error: ${printParseErrorCode(e.error)}`,
    offset: e.offset,
    length: Math.max(1, e.length),
    severity: 'error',
  }));
  const models: ModelConfig[] = [];
  let analysis = DEFAULT_ANALYSIS;
  if (!root || root.type !== 'object') {
    if (root) issues.push(issue(root, 'the configuration must be a JSON object with a "models" array'));
    return { models, analysis, issues, root };
  }
  for (const prop of root.children ?? []) {
    const key = prop.children?.[0]?.value as string;
    if (!['models', 'analysis', '$schema'].includes(key)) issues.push(issue(prop.children![0], `unknown property "${key}"; expected "models" or "analysis"`, 'warning'));
  }
  const modelsNode = findNodeAtLocation(root, ['models']);
  if (modelsNode && modelsNode.type !== 'array') issues.push(issue(modelsNode, '"models" must be an array of model entries'));
  (modelsNode?.type === 'array' ? modelsNode.children ?? [] : []).forEach((node, index) => {
    const m = readModel(node, index, issues);
    if (m) models.push(m);
  });
  const analysisNode = findNodeAtLocation(root, ['analysis']);
  if (analysisNode) analysis = readAnalysis(analysisNode, issues);
  return { models, analysis, issues, root };
}

function readModel(node: Node, index: number, issues: ConfigIssue[]): ModelConfig | undefined {
  if (node.type !== 'object') {
    issues.push(issue(node, 'a model entry must be an object like {"model": "model.onnx", "data": {"train": …, "test": …}, "target": …}'));
    return undefined;
  }
  for (const prop of node.children ?? []) {
    const keyNode = prop.children![0];
    if (!MODEL_KEYS.has(keyNode.value as string)) {
      issues.push(issue(keyNode, `unknown property "${keyNode.value}"; expected one of ${[...MODEL_KEYS].join(', ')}`, 'warning'));
    }
  }
  const str = (key: string): string | undefined => {
    const n = findNodeAtLocation(node, [key]);
    if (!n) return undefined;
    if (n.type !== 'string') {
      issues.push(issue(n, `"${key}" must be a string`));
      return undefined;
    }
    return n.value as string;
  };
  const strArray = (key: string): string[] | undefined => {
    const n = findNodeAtLocation(node, [key]);
    if (!n) return undefined;
    if (n.type !== 'array' || (n.children ?? []).some((c) => c.type !== 'string')) {
      issues.push(issue(n, `"${key}" must be an array of column names`));
      return undefined;
    }
    return (n.children ?? []).map((c) => c.value as string);
  };
  const model = str('model');
  if (model === undefined && !findNodeAtLocation(node, ['model'])) {
    issues.push(issue(node, 'a model entry needs "model": the path of its .onnx file'));
  }
  const taskNode = findNodeAtLocation(node, ['task']);
  let task: ModelConfig['task'];
  if (taskNode) {
    if (taskNode.value === 'classification' || taskNode.value === 'regression') task = taskNode.value;
    else issues.push({ ...issue(taskNode, `"task" must be "classification" or "regression", not ${JSON.stringify(taskNode.value)}`), id: 'config.task' });
  }
  const dataNode = findNodeAtLocation(node, ['data']);
  let data: ModelConfig['data'];
  if (dataNode) {
    if (dataNode.type === 'string') data = dataNode.value as string;
    else if (dataNode.type === 'object') {
      const v = getNodeValue(dataNode) as Record<string, unknown>;
      for (const k of Object.keys(v)) if (k !== 'train' && k !== 'test') issues.push(issue(findNodeAtLocation(dataNode, [k])!.parent!.children![0], `"data" takes "train" and "test", not "${k}"`));
      data = { train: typeof v.train === 'string' ? v.train : undefined, test: typeof v.test === 'string' ? v.test : undefined };
    } else issues.push(issue(dataNode, '"data" must be a path or {"train": path, "test": path}'));
  }
  const pcNode = findNodeAtLocation(node, ['positiveClass']);
  const expectNode = findNodeAtLocation(node, ['expect']);
  let expect: Record<string, Direction> | undefined;
  if (expectNode) {
    // Null-prototype maps: a column may be called "__proto__" (a config names data it did not write).
    expect = Object.create(null) as Record<string, Direction>;
    for (const prop of expectNode.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (v?.value === 'increasing' || v?.value === 'decreasing') expect[k.value as string] = v.value;
      else if (v) issues.push(issue(v, `expected direction must be "increasing" or "decreasing"`));
    }
  }
  const oneHotNode = findNodeAtLocation(node, ['oneHot']);
  const ignoreNode = findNodeAtLocation(node, ['ignore']);
  const ignore: IgnoreRule[] = [];
  for (const item of ignoreNode?.children ?? []) {
    const v = getNodeValue(item) as Partial<IgnoreRule>;
    if (typeof v?.id !== 'string' || typeof v.reason !== 'string' || !v.reason.trim()) {
      issues.push(issue(item, 'an ignore rule needs "id" and a written "reason"'));
    } else ignore.push({ id: v.id, feature: typeof v.feature === 'string' ? v.feature : undefined, reason: v.reason });
  }
  const slicesNode = findNodeAtLocation(node, ['slices']);
  if (model === undefined) return undefined;
  return {
    index,
    name: str('name'),
    model,
    data,
    target: str('target'),
    task,
    positiveClass: pcNode ? String(pcNode.value) : undefined,
    features: strArray('features'),
    categorical: strArray('categorical'),
    oneHot: oneHotNode ? readOneHot(oneHotNode, issues) : undefined,
    sensitive: strArray('sensitive'),
    expect,
    time: str('time'),
    ignore,
    slices: slicesNode?.type === 'array' ? (getNodeValue(slicesNode) as SavedSlice[]) : undefined,
  };
}

function readOneHot(node: Node, issues: ConfigIssue[]): Record<string, string[]> {
  const out = Object.create(null) as Record<string, string[]>;
  if (node.type !== 'object') {
    issues.push(issue(node, '"oneHot" maps a feature to the list of its one-hot columns'));
    return out;
  }
  for (const prop of node.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (v?.type === 'array' && (v.children ?? []).every((c) => c.type === 'string')) out[k.value as string] = (v.children ?? []).map((c) => c.value as string);
    else if (v) issues.push(issue(v, `"oneHot.${String(k.value)}" must be an array of column names`));
  }
  return out;
}

function readAnalysis(node: Node, issues: ConfigIssue[]): AnalysisSettings {
  const v = getNodeValue(node) as Partial<AnalysisSettings> & { slices?: Partial<AnalysisSettings['slices']> };
  const num = (x: unknown, d: number, path: (string | number)[], ok: (n: number) => boolean): number => {
    if (x === undefined) return d;
    if (typeof x !== 'number' || !ok(x)) {
      issues.push(issue(findNodeAtLocation(node, path) ?? node, `"${path.join('.')}" has an invalid value ${JSON.stringify(x)}`));
      return d;
    }
    return x;
  };
  const s: Partial<AnalysisSettings['slices']> = v.slices ?? {};
  return {
    seed: num(v.seed, DEFAULT_ANALYSIS.seed, ['seed'], Number.isInteger),
    maxRows: num(v.maxRows, DEFAULT_ANALYSIS.maxRows, ['maxRows'], (n) => n >= 100),
    attribution: typeof v.attribution === 'string' ? v.attribution : DEFAULT_ANALYSIS.attribution,
    slices: {
      alpha: num(s.alpha, DEFAULT_ANALYSIS.slices.alpha, ['slices', 'alpha'], (n) => n >= 0 && n <= 1),
      minSupport: num(s.minSupport, DEFAULT_ANALYSIS.slices.minSupport, ['slices', 'minSupport'], (n) => n > 0),
      maxLevel: num(s.maxLevel, DEFAULT_ANALYSIS.slices.maxLevel, ['slices', 'maxLevel'], (n) => n >= 1 && n <= 4),
      topK: num(s.topK, DEFAULT_ANALYSIS.slices.topK, ['slices', 'topK'], (n) => n >= 1),
      bins: num(s.bins, DEFAULT_ANALYSIS.slices.bins, ['slices', 'bins'], (n) => n >= 2 && n <= 20),
    },
  };
}

export function issue(node: Node, message: string, severity: 'error' | 'warning' = 'error'): ConfigIssue {
  return { id: 'config.invalid', message, offset: node.offset, length: node.length, severity };
}

/** The JSON node of a model entry's property (or array item), for ranges of later checks. */
export function nodeAt(parsed: ParsedConfig, path: (string | number)[]): Node | undefined {
  return parsed.root ? findNodeAtLocation(parsed.root, path) : undefined;
}
