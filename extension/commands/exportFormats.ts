/**
 * Export of a folder's report in the CLI's formats, through the CLI's own formatters (pure
 * functions of CheckReport; no vscode import, so this file is unit-tested directly).
 */
import type { WireCheckReport } from '../../protocol/protocol';
import { formatHtml } from '../../server/cli/formatters/html';
import { formatMarkdown } from '../../server/cli/formatters/markdown';
import { formatSarif } from '../../server/cli/formatters/sarif';
import type { CheckReport } from '../../server/results/report';

export type ExportFormat = 'html' | 'markdown' | 'json' | 'sarif';

export const EXPORT_FORMATS: readonly { readonly format: ExportFormat; readonly label: string; readonly detail: string; readonly extension: string }[] = [
  { format: 'html', label: 'HTML', detail: 'One self-contained page (inline CSS and SVG charts, no scripts): opens from disk, CI artefacts, e-mail.', extension: 'html' },
  { format: 'markdown', label: 'Markdown', detail: 'GitHub-flavoured Markdown: metrics, attribution, slices and findings per model.', extension: 'md' },
  { format: 'json', label: 'JSON', detail: 'The CLI `check --format json` report, stable for scripts.', extension: 'json' },
  { format: 'sarif', label: 'SARIF', detail: 'SARIF 2.1.0 for GitHub code scanning: one rule per finding id.', extension: 'sarif' },
];

/**
 * The server's wire report is the engine's CheckReport serialised (server/lsp/folderReport.ts
 * checks assignability the other way at compile time); this guard checks the fields the
 * formatters index before trusting the rest.
 */
export function asCheckReport(r: WireCheckReport): CheckReport {
  const ok = typeof r.version === 'string' && typeof r.root === 'string' && Array.isArray(r.findings) && Array.isArray(r.models) && r.models.every((m) => typeof m.name === 'string' && Array.isArray(m.findings) && typeof m.metrics === 'object' && m.metrics !== null && Array.isArray(m.features));
  if (!ok) throw new TypeError('The report from the language server does not have the shape of a `check` report (version, root, models[], findings[]); rerun the analysis and try again.');
  return r as CheckReport;
}

export function exportReport(report: WireCheckReport, format: ExportFormat, toolVersion: string): string {
  const r = asCheckReport(report);
  switch (format) {
    case 'html':
      return formatHtml(r);
    case 'markdown':
      return formatMarkdown(r);
    case 'sarif':
      return formatSarif(r, toolVersion);
    case 'json':
      return `${JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
  }
}
