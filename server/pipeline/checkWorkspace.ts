import { relative } from 'node:path';
import { DEFAULT_ANALYSIS, type AnalysisSettings } from '../discovery/configFile';
import { configOf, discoverWorkspace, type WorkspaceDiscovery } from '../discovery/discoverWorkspace';
import { InputError } from '../loaders/data/loadError';
import type { Finding } from '../results/finding';
import type { CheckReport, ModelReport } from '../results/report';
import { analyzeModel } from './analyzeModel';
import { offsetToPosition } from './textPosition';

export const REPORT_VERSION = '1.0';

export interface CheckResult {
  readonly report: CheckReport;
  /** Bad input (config errors, unreadable model or data): the CLI exits 2. */
  readonly inputErrors: number;
  readonly discovery: WorkspaceDiscovery;
}

export interface CheckOptions {
  readonly onProgress?: (message: string) => void;
  readonly isCancelled?: () => boolean;
}

/** Discovers, loads and analyses every model of a folder: the CLI's `check`. */
export async function checkWorkspace(folder: string, options: CheckOptions = {}): Promise<CheckResult> {
  const discovery = await discoverWorkspace(folder);
  const root = discovery.root;
  const findings: Finding[] = [];
  let inputErrors = 0;
  for (const cfg of discovery.configs) {
    for (const issue of cfg.issues) {
      const start = offsetToPosition(cfg.text, issue.offset);
      const end = offsetToPosition(cfg.text, issue.offset + issue.length);
      if (issue.severity === 'error') inputErrors++;
      findings.push({
        id: issue.id,
        severity: issue.severity,
        message: issue.message,
        evidence: {},
        location: { file: relative(root, cfg.file), line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
      });
    }
  }
  for (const note of discovery.notes) {
    findings.push({ id: 'model.features', severity: 'info', message: `${relative(root, note.file)}: not analysed: ${note.message}`, evidence: {}, location: { file: relative(root, note.file) } });
  }
  const models: ModelReport[] = [];
  for (const resolved of discovery.models) {
    const config = configOf(discovery, resolved);
    const settings: AnalysisSettings = config?.parsed.analysis ?? DEFAULT_ANALYSIS;
    try {
      const { report, context } = await analyzeModel(root, resolved, { settings, configText: config?.text, onProgress: options.onProgress, isCancelled: options.isCancelled });
      await context.evaluator.dispose();
      models.push(report);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      inputErrors++;
      findings.push(inputErrorFinding(root, e, resolved.name));
    }
  }
  return { report: { version: REPORT_VERSION, root, models, findings }, inputErrors, discovery };
}

export function inputErrorFinding(root: string, e: InputError, modelName?: string): Finding {
  const file = relative(root, e.file) || e.file;
  return {
    id: e.id,
    severity: 'error',
    message: `${file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${e.detail}`,
    evidence: modelName ? { model: modelName } : {},
    location: { file, line: e.line, column: e.column },
  };
}
