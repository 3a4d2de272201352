import { resolve } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, findingDocUrl } from '../../protocol/protocol';
import type { FindingLocation, Severity } from '../results/finding';
import type { FolderResult } from './folderRun';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * The diagnostics of one folder's result, by absolute file path: config problems at their
 * exact JSON range in modeldiag.json, data errors at the file's line and column, model
 * load errors and unpaired models on the model file, analysis findings where they point.
 */
export function folderDiagnostics(result: FolderResult): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const seen = new Set<string>();
  const add = (file: string, d: Diagnostic): void => {
    const key = `${file}|${d.range.start.line}:${d.range.start.character}|${String(d.code)}|${d.message}`;
    if (seen.has(key)) return; // one bad data file shared by several models: report it once
    seen.add(key);
    const list = out.get(file) ?? [];
    list.push(d);
    out.set(file, list);
  };
  for (const c of result.configs) {
    for (const f of c.findings) if (f.location) add(c.file, diagnostic(f.id, f.severity, f.message, f.location));
  }
  for (const n of result.notes) add(n.file, diagnostic(n.finding.id, 'info', `not analysed: ${n.message}`, { file: n.file }));
  for (const { model, outcome } of result.models) {
    if (outcome?.kind === 'input-error') {
      const e = outcome.error;
      const at = e.span && e.line ? { file: e.file, line: e.line, column: e.span.start + 1, endLine: e.line, endColumn: e.span.end + 1 } : { file: e.file, line: e.line, column: e.column };
      add(e.file, diagnostic(e.id, 'error', `${e.detail} (model "${model.name}")`, at));
    } else if (outcome?.kind === 'report') {
      for (const f of outcome.report.findings) {
        if (f.location && !f.ignored) add(resolve(result.folder, f.location.file), diagnostic(f.id, f.severity, f.message, f.location));
      }
    }
  }
  const failed = result.failure?.error;
  if (failed) add(failed.file, diagnostic(failed.id, 'error', failed.detail, { file: failed.file, line: failed.line, column: failed.column }));
  return out;
}

function diagnostic(id: string, severity: Severity, message: string, at: FindingLocation): Diagnostic {
  const line = Math.max(0, (at.line ?? 1) - 1);
  const character = Math.max(0, (at.column ?? 1) - 1);
  const end =
    at.endLine !== undefined && at.endColumn !== undefined
      ? { line: at.endLine - 1, character: at.endColumn - 1 }
      : { line, character: at.column !== undefined ? character + 1 : character };
  return {
    range: { start: { line, character }, end },
    severity: SEVERITY[severity],
    source: DIAGNOSTIC_SOURCE,
    code: id,
    codeDescription: { href: findingDocUrl(id) },
    message,
  };
}
