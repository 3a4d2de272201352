/**
 * Finds the models and data of a folder and pairs them: from modeldiag.json files where
 * present, else by zero-config rules (README "Zero-config pairing"):
 *  1. every .onnx file not named by a config is a candidate;
 *  2. its features come from the model (metadata_props.feature_names, or one input per column);
 *  3. data files whose header holds all those features are its data, the same folder first;
 *  4. a file whose name contains "train" is the train split; "test", "valid", "holdout" or
 *     "eval" the test split; a single matching file is the test split;
 *  5. the target is the model's metadata `target`/`label`, else a column named target,
 *     label, y, class or outcome, else the only remaining column that is not an id.
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError } from '../loaders/data/loadError';
import { isDataFile } from '../loaders/data/loadDataset';
import { readHeader } from '../loaders/data/readHeader';
import { CONFIG_FILE_NAME, parseConfig, type ConfigIssue, type ParsedConfig } from './configFile';
import { resolveConfiguredModels } from './resolveConfig';
import { readConfigText, tooLargeMessage, type ConfigText } from './readConfigText';
import { pairZeroConfig } from './zeroConfig';
import type { ResolvedModel } from './resolvedModel';

export interface ConfigReport {
  readonly file: string;
  readonly text: string;
  readonly parsed: ParsedConfig;
  readonly issues: ConfigIssue[];
}

export interface WorkspaceDiscovery {
  readonly root: string;
  readonly models: ResolvedModel[];
  readonly configs: ConfigReport[];
  readonly modelFiles: string[];
  readonly dataFiles: string[];
  /** Problems found while pairing without a config (unreadable headers, no target…). */
  readonly notes: { file: string; message: string }[];
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.venv', 'venv', '__pycache__', '.tools', '.vscode-test']);
const MAX_FILES = 20000;

export interface DiscoverOptions {
  /** Text of a modeldiag.json to use instead of the file on disk (an editor's unsaved buffer); undefined = read the file. */
  readonly configText?: (file: string) => string | undefined;
}

export async function discoverWorkspace(root: string, options: DiscoverOptions = {}): Promise<WorkspaceDiscovery> {
  const absRoot = resolve(root);
  const info = await stat(absRoot).catch(() => undefined);
  if (!info?.isDirectory()) throw new InputError(absRoot, 'not a folder: pass the folder that holds your models and data', undefined, undefined, 'config.invalid');
  const files = await walk(absRoot);
  const modelFiles = files.filter((f) => /\.onnx$/i.test(f));
  const dataFiles = files.filter(isDataFile);
  const configs: ConfigReport[] = [];
  const models: ResolvedModel[] = [];
  const notes: { file: string; message: string }[] = [];
  const headers = new Map<string, Promise<string[] | InputError>>();
  const header = (path: string): Promise<string[] | InputError> => {
    let h = headers.get(path);
    if (!h) {
      h = readHeader(path).catch((e: unknown) => (e instanceof InputError ? e : new InputError(path, String(e))));
      headers.set(path, h);
    }
    return h;
  };
  for (const file of files.filter((f) => basename(f) === CONFIG_FILE_NAME)) {
    const edited = options.configText?.(file);
    const read: ConfigText = edited !== undefined ? { text: edited } : await readConfigText(file);
    const text = 'text' in read ? read.text : '';
    const parsed = parseConfig(text);
    const issues = [...parsed.issues];
    if ('tooLarge' in read) issues.push({ id: 'config.invalid', message: tooLargeMessage(read.tooLarge), offset: 0, length: 0, severity: 'error' });
    models.push(...(await resolveConfiguredModels(file, parsed, issues, header, absRoot)));
    configs.push({ file, text, parsed, issues });
  }
  const configured = new Set(models.map((m) => m.modelPath));
  for (const modelPath of modelFiles.filter((m) => !configured.has(m))) {
    const paired = await pairZeroConfig(absRoot, modelPath, dataFiles, header);
    if ('model' in paired) models.push(paired.model);
    else notes.push({ file: modelPath, message: paired.reason });
  }
  return { root: absRoot, models, configs, modelFiles, dataFiles, notes };
}

async function walk(root: string): Promise<string[]> {
  const out: string[] = [];
  const queue = [root];
  while (queue.length && out.length < MAX_FILES) {
    const dir = queue.shift()!;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) queue.push(join(dir, e.name));
      } else if (e.isFile()) out.push(join(dir, e.name));
    }
  }
  return out;
}

/** The modeldiag.json a model was declared in (undefined for zero-config models). */
export function configOf(discovery: WorkspaceDiscovery, resolved: ResolvedModel): ConfigReport | undefined {
  const origin = resolved.origin;
  return origin.kind === 'config' ? discovery.configs.find((c) => c.file === origin.file) : undefined;
}

export function displayPath(root: string, file: string): string {
  const r = relative(root, file);
  return r.startsWith('..') ? file : r || basename(file);
}

export { dirname };
