import type { WireCheckReport } from '../../protocol/protocol';
import type { Finding } from '../results/finding';
import type { CheckReport, ModelReport } from '../results/report';
import type { FolderResult } from './folderRun';

/** A folder's result as the CLI's `check` report (config findings, unpaired models, input errors, model reports). */
export function folderReport(result: FolderResult): WireCheckReport {
  const findings: Finding[] = [...result.configs.flatMap((c) => c.findings), ...result.notes.map((n) => n.finding)];
  const models: ModelReport[] = [];
  for (const { outcome } of result.models) {
    if (outcome?.kind === 'report') models.push(outcome.report);
    else if (outcome?.kind === 'input-error') findings.push(outcome.finding);
  }
  const report: CheckReport = { version: result.reportVersion, root: result.folder, models, findings };
  return report; // compile-time check: the engine's report is assignable to the wire type
}

/** Errors and warnings in a result, for the status line. */
export function problemCount(result: FolderResult): number {
  return folderReport(result).findings.filter((f) => f.severity !== 'info').length + result.models.reduce((n, m) => n + (m.outcome?.kind === 'report' ? m.outcome.report.findings.filter((f) => !f.ignored && f.severity !== 'info').length : 0), 0);
}
