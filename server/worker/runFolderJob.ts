import { relative } from 'node:path';
import { DEFAULT_ANALYSIS, type AnalysisSettings } from '../discovery/configFile';
import { configOf, discoverWorkspace } from '../discovery/discoverWorkspace';
import { InputError } from '../loaders/data/loadError';
import { analyzeModel, type AnalyzeOptions } from '../pipeline/analyzeModel';
import { inputErrorFinding, REPORT_VERSION } from '../pipeline/checkWorkspace';
import { offsetToPosition } from '../pipeline/textPosition';
import type { ConfigIssue } from '../discovery/configFile';
import type { ResolvedModel } from '../discovery/resolvedModel';
import type { Finding } from '../results/finding';
import { copyMemo, modelContentKey } from './contentKey';
import { csvFieldSpan } from './csvFieldSpan';
import type { ConfigResult, DiscoveredModel, ModelOutcome, RunJob, WireInputError, WorkerMessage } from './workerMessages';

/**
 * One folder's analysis inside the worker: discovery (with the editor's config texts),
 * content keys, then every model whose key the server does not hold yet. Posts results as
 * they come so the server can publish config problems before the models finish.
 */
export async function runFolderJob(job: RunJob, post: (m: WorkerMessage) => void): Promise<void> {
  const root = job.folder;
  const discovery = await discoverWorkspace(root, { configText: (file) => job.configTexts[file] });
  const memo = copyMemo(job.hashMemo);
  const configs: ConfigResult[] = discovery.configs.map((c) => ({
    file: c.file,
    text: c.text,
    issues: c.issues,
    findings: c.issues.map((i) => configIssueFinding(root, c.file, c.text, i)),
  }));
  const planned: { model: DiscoveredModel; settings: AnalysisSettings; configText?: string; index: number }[] = [];
  for (const [index, resolved] of discovery.models.entries()) {
    const config = configOf(discovery, resolved);
    const analysis = config?.parsed.analysis ?? DEFAULT_ANALYSIS;
    const settings: AnalysisSettings = { ...analysis, maxRows: Math.min(analysis.maxRows, job.maxRows) };
    const configText = config?.text;
    const key = await modelContentKey(root, resolved, settings, memo, configText);
    planned.push({ model: { name: resolved.name, modelPath: resolved.modelPath, key }, settings, configText, index });
  }
  post({
    type: 'discovered',
    reportVersion: REPORT_VERSION,
    configs,
    notes: discovery.notes.map((n) => ({
      ...n,
      finding: { id: 'model.features', severity: 'info', message: `${relative(root, n.file)}: not analysed: ${n.message}`, evidence: {}, location: { file: relative(root, n.file) } },
    })),
    models: planned.map((p) => p.model),
    hashMemo: memo,
  });
  const cached = new Set(job.cachedKeys);
  const todo = planned.filter((p) => !cached.has(p.model.key));
  for (const [done, p] of todo.entries()) {
    const resolved = discovery.models[p.index];
    post({ type: 'progress', message: `analysing ${resolved.name}`, done, total: todo.length });
    const outcome = await analyseOne(root, { settings: p.settings, configText: p.configText, onProgress: (message) => post({ type: 'progress', message, done, total: todo.length }) }, resolved);
    post({ type: 'model', key: p.model.key, outcome });
  }
  post({ type: 'done' });
}

async function analyseOne(root: string, options: AnalyzeOptions, resolved: ResolvedModel): Promise<ModelOutcome> {
  try {
    const { report, context } = await analyzeModel(root, resolved, options);
    await context.evaluator.dispose();
    return { kind: 'report', report };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'input-error', error: await withSpan(wireInputError(e)), finding: inputErrorFinding(root, e, resolved.name) };
    return { kind: 'internal-error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

export function wireInputError(e: InputError): WireInputError {
  return { file: e.file, detail: e.detail, line: e.line, column: e.column, id: e.id };
}

/** Adds the character span of a CSV/TSV error (its `column` is a field number). */
async function withSpan(e: WireInputError): Promise<WireInputError> {
  if (!e.line || !/\.(csv|tsv)$/i.test(e.file)) return e;
  const span = await csvFieldSpan(e.file, e.line, e.column).catch(() => undefined);
  return span ? { ...e, span } : e;
}

function configIssueFinding(root: string, file: string, text: string, issue: ConfigIssue): Finding {
  const start = offsetToPosition(text, issue.offset);
  const end = offsetToPosition(text, issue.offset + issue.length);
  return {
    id: issue.id,
    severity: issue.severity,
    message: issue.message,
    evidence: {},
    location: { file: relative(root, file), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
  };
}
